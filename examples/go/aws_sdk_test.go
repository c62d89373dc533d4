package stubexamples_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sdk "github.com/aws/aws-sdk-go-v2/service/customerprofiles"
	"github.com/aws/aws-sdk-go-v2/service/customerprofiles/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// newSDKClient is the AWS SDK for Go's Customer Profiles client as its users configure it: a
// region, credentials and an endpoint.
func newSDKClient(t *testing.T, creds aws.CredentialsProvider) *sdk.Client {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(t.Context(),
		config.WithRegion(region), config.WithCredentialsProvider(creds))
	if err != nil {
		t.Fatal(err)
	}
	return sdk.NewFromConfig(cfg, func(o *sdk.Options) { o.BaseEndpoint = aws.String(stubURL) })
}

// sdkDelete deletes the demo object of a profile, with a Prefer header when prefer is set.
func sdkDelete(t *testing.T, client *sdk.Client, profile, prefer string) (*sdk.DeleteProfileObjectOutput, error) {
	var optFns []func(*sdk.Options)
	if prefer != "" {
		optFns = append(optFns, func(o *sdk.Options) {
			o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue("Prefer", prefer))
		})
	}
	return client.DeleteProfileObject(t.Context(), &sdk.DeleteProfileObjectInput{
		DomainName:             aws.String(domain),
		ProfileId:              aws.String(profile),
		ObjectTypeName:         aws.String(objectType),
		ProfileObjectUniqueKey: aws.String(objectKey),
	}, optFns...)
}

func TestAWSSDKDeleteProfileObject(t *testing.T) {
	wrongSecret := credentials.NewStaticCredentialsProvider(accessKey, "not-the-secret", "")
	unknownKey := credentials.NewStaticCredentialsProvider("AKIAUNKNOWNKEY000000", secretKey, "")
	tests := []struct {
		name        string
		credentials aws.CredentialsProvider
		profileID   string
		prefer      string
		deleteTwice bool
		// wantErr reports whether err is the error the SDK must return; nil wants success.
		wantErr func(err error) bool
		// wantStatuses is what the stub answered to each attempt, in order.
		wantStatuses []int
	}{
		{name: "deletes the object", credentials: demoCredentials, profileID: profileID, wantStatuses: []int{200}},
		{name: "a second delete is ResourceNotFoundException", credentials: demoCredentials, profileID: profileID,
			deleteTwice: true, wantErr: isError[*types.ResourceNotFoundException], wantStatuses: []int{200, 404}},
		// The SDK checks required members only: the pattern is the service's to enforce.
		{name: "a profile id off the pattern is BadRequestException", credentials: demoCredentials,
			profileID: "3991a7d959d248bba82546b2dEXAMPLE", wantErr: isError[*types.BadRequestException], wantStatuses: []int{400}},
		{name: "a wrong secret is AccessDeniedException", credentials: wrongSecret, profileID: profileID,
			wantErr: isError[*types.AccessDeniedException], wantStatuses: []int{403}},
		{name: "an unknown key is AccessDeniedException", credentials: unknownKey, profileID: profileID,
			wantErr: isError[*types.AccessDeniedException], wantStatuses: []int{403}},
		// The stub's clock 20 minutes ahead: the SDK reads the skew from the refusal's Date header,
		// signs again with its clock corrected, and succeeds.
		{name: "a clock 20 minutes off is refused once, then corrected", credentials: demoCredentials,
			profileID: profileID, prefer: "clock-offset=1200", wantStatuses: []int{403, 200}},
		{name: "throttling is retried twice, then ThrottlingException", credentials: demoCredentials,
			profileID: profileID, prefer: "code=429", wantErr: isError[*types.ThrottlingException], wantStatuses: []int{429, 429, 429}},
		{name: "an internal error is a server fault, retried twice, then InternalServerException",
			credentials: demoCredentials, profileID: profileID, prefer: "code=500",
			wantErr:      func(err error) bool { return isError[*types.InternalServerException](err) && isServerFault(err) },
			wantStatuses: []int{500, 500, 500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resetStub(t)
			client := newSDKClient(t, tt.credentials)
			if tt.deleteTwice {
				if _, err := sdkDelete(t, client, tt.profileID, ""); err != nil {
					t.Fatal(err)
				}
			}

			out, err := sdkDelete(t, client, tt.profileID, tt.prefer)

			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr == nil && aws.ToString(out.Message) != "OK":
				t.Errorf("Message %q, want OK", aws.ToString(out.Message))
			case tt.wantErr != nil && !tt.wantErr(err):
				t.Fatalf("error %v (%T) is not the one expected", err, errors.Unwrap(err))
			}
			if got := statuses(recorded(t, "customer-profiles")); !slices.Equal(got, tt.wantStatuses) {
				t.Errorf("the stub answered %v, want %v", got, tt.wantStatuses)
			}
		})
	}
}

func TestAWSSDKBacksOffWithinTheStandardRetryersBounds(t *testing.T) {
	resetStub(t)
	client := newSDKClient(t, demoCredentials)

	if _, err := sdkDelete(t, client, profileID, "code=429"); !isError[*types.ThrottlingException](err) {
		t.Fatalf("error %v, want ThrottlingException", err)
	}

	// The standard retryer's backoff: a random wait of up to 1 s, then up to 2 s (exponential, with
	// full jitter; the retryer does not read Retry-After).
	for i, gap := range gaps(recorded(t, "customer-profiles")) {
		if limit := time.Duration(1<<i)*time.Second + 500*time.Millisecond; gap > limit {
			t.Errorf("wait %d was %v, over %v", i+1, gap, limit)
		}
	}
}

func TestAWSSDKKeepsTheClockCorrectionPerClient(t *testing.T) {
	// The stub's clock 20 minutes ahead on every call.
	deleteWithSkew := func(client *sdk.Client) []int {
		t.Helper()
		resetStub(t)
		if _, err := sdkDelete(t, client, profileID, "clock-offset=1200"); err != nil {
			t.Fatal(err)
		}
		return statuses(recorded(t, "customer-profiles"))
	}
	client := newSDKClient(t, demoCredentials)

	if got := deleteWithSkew(client); !slices.Equal(got, []int{403, 200}) {
		t.Errorf("first call: the stub answered %v, want [403 200]: refused, then corrected", got)
	}
	if got := deleteWithSkew(client); !slices.Equal(got, []int{200}) {
		t.Errorf("second call: the stub answered %v, want [200]: the client keeps its correction", got)
	}
	if got := deleteWithSkew(newSDKClient(t, demoCredentials)); !slices.Equal(got, []int{403, 200}) {
		t.Errorf("another client: the stub answered %v, want [403 200]: it starts from its own clock", got)
	}
}

func isError[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

func isServerFault(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorFault() == smithy.FaultServer &&
		strings.Contains(apiErr.ErrorCode(), "InternalServer")
}

// TestAWSSDKLifecycle is what a test of DeleteProfileObject arranges and asserts through the API
// itself: a type and a profile, an object put, listed, deleted, then listed again and deleted again.
func TestAWSSDKLifecycle(t *testing.T) {
	resetStub(t)
	client := newSDKClient(t, demoCredentials)
	ctx := t.Context()
	typeName := aws.String("Subscription")

	_, err := client.PutProfileObjectType(ctx, &sdk.PutProfileObjectTypeInput{
		DomainName:     aws.String(domain),
		ObjectTypeName: typeName,
		Description:    aws.String("Subscriptions of a customer"),
		Fields: map[string]types.ObjectTypeField{
			"subscriptionId": {Source: aws.String("_source.subscriptionId"), ContentType: types.FieldContentTypeString},
			"email": {Source: aws.String("_source.email"), Target: aws.String("_profile.EmailAddress"),
				ContentType: types.FieldContentTypeEmailAddress},
		},
		Keys: map[string][]types.ObjectTypeKey{
			"subscriptionId": {{StandardIdentifiers: []types.StandardIdentifier{types.StandardIdentifierUnique},
				FieldNames: []string{"subscriptionId"}}},
			"email": {{StandardIdentifiers: []types.StandardIdentifier{types.StandardIdentifierProfile},
				FieldNames: []string{"email"}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	profile, err := client.CreateProfile(ctx, &sdk.CreateProfileInput{
		DomainName: aws.String(domain), FirstName: aws.String("Ana"), EmailAddress: aws.String("ana.silva@example.com"),
	})
	if err != nil {
		t.Fatal(err)
	}
	put, err := client.PutProfileObject(ctx, &sdk.PutProfileObjectInput{
		DomainName:     aws.String(domain),
		ObjectTypeName: typeName,
		Object:         aws.String(`{"subscriptionId":"sub-1","email":"ana.silva@example.com"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	listed := func() []string {
		t.Helper()
		page, err := client.ListProfileObjects(ctx, &sdk.ListProfileObjectsInput{
			DomainName: aws.String(domain), ObjectTypeName: typeName, ProfileId: profile.ProfileId,
		})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, item := range page.Items {
			keys = append(keys, aws.ToString(item.ProfileObjectUniqueKey))
		}
		return keys
	}
	if got := listed(); !slices.Equal(got, []string{aws.ToString(put.ProfileObjectUniqueKey)}) {
		t.Fatalf("listed %v, want the object put", got)
	}
	del := &sdk.DeleteProfileObjectInput{
		DomainName: aws.String(domain), ObjectTypeName: typeName,
		ProfileId: profile.ProfileId, ProfileObjectUniqueKey: put.ProfileObjectUniqueKey,
	}
	if _, err := client.DeleteProfileObject(ctx, del); err != nil {
		t.Fatal(err)
	}
	if got := listed(); len(got) != 0 {
		t.Errorf("listed %v after the delete, want none", got)
	}
	if _, err := client.DeleteProfileObject(ctx, del); !isError[*types.ResourceNotFoundException](err) {
		t.Errorf("second delete: error %v, want ResourceNotFoundException", err)
	}
	if got, want := statuses(recorded(t, "customer-profiles")), []int{200, 200, 200, 200, 200, 200, 404}; !slices.Equal(got, want) {
		t.Errorf("the stub answered %v, want %v", got, want)
	}
}
