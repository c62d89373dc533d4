package stubexamples_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"example.com/contract-stubs-go/awssigv4"
	"example.com/contract-stubs-go/customerprofiles"
)

// newProfilesClient is the generated client with every request signed by the AWS SDK's signer.
func newProfilesClient(t *testing.T, creds aws.CredentialsProvider) *customerprofiles.ClientWithResponses {
	t.Helper()
	client, err := customerprofiles.NewClientWithResponses(stubURL,
		customerprofiles.WithRequestEditorFn(awssigv4.RequestEditor(creds, "profile", region)))
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func deleteObject(t *testing.T, client *customerprofiles.ClientWithResponses, profile string) *customerprofiles.DeleteProfileObjectResult {
	t.Helper()
	res, err := client.DeleteProfileObjectWithResponse(t.Context(), domain,
		customerprofiles.DeleteProfileObjectJSONRequestBody{
			ProfileId:              profile,
			ObjectTypeName:         objectType,
			ProfileObjectUniqueKey: objectKey,
		})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestDeleteProfileObject(t *testing.T) {
	tests := []struct {
		name        string
		credentials aws.CredentialsProvider
		profileID   string
		deleteTwice bool
		wantStatus  int
		// wantError is the x-amzn-ErrorType of an error; its body must be that error's model.
		wantError string
	}{
		{name: "deletes the object", credentials: demoCredentials, profileID: profileID, wantStatus: http.StatusOK},
		{name: "a second delete is not found", credentials: demoCredentials, profileID: profileID, deleteTwice: true,
			wantStatus: http.StatusNotFound, wantError: "ResourceNotFoundException"},
		// The id of the published sample request, which breaks the published pattern.
		{name: "a profile id off the pattern is a bad request", credentials: demoCredentials,
			profileID: "3991a7d959d248bba82546b2dEXAMPLE", wantStatus: http.StatusBadRequest, wantError: "BadRequestException"},
		{name: "a wrong secret is access denied", credentials: credentials.NewStaticCredentialsProvider(accessKey, "not-the-secret", ""),
			profileID: profileID, wantStatus: http.StatusForbidden, wantError: "AccessDeniedException"},
		{name: "an unknown key is access denied", credentials: credentials.NewStaticCredentialsProvider("AKIAUNKNOWNKEY000000", secretKey, ""),
			profileID: profileID, wantStatus: http.StatusForbidden, wantError: "AccessDeniedException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resetStub(t)
			client := newProfilesClient(t, tt.credentials)
			if tt.deleteTwice {
				deleteObject(t, client, tt.profileID)
			}

			res := deleteObject(t, client, tt.profileID)

			if res.StatusCode() != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", res.StatusCode(), tt.wantStatus, res.Body)
			}
			if got := res.HTTPResponse.Header.Get("x-amzn-ErrorType"); got != tt.wantError {
				t.Errorf("x-amzn-ErrorType %q, want %q", got, tt.wantError)
			}
			var message string
			switch tt.wantStatus {
			case http.StatusOK:
				message = aws.ToString(res.JSON200.Message)
			case http.StatusBadRequest:
				message = res.JSON400.Message
			case http.StatusForbidden:
				message = res.JSON403.Message
			case http.StatusNotFound:
				message = res.JSON404.Message
			}
			if tt.wantStatus == http.StatusOK && message != "OK" {
				t.Errorf("Message %q, want OK", message)
			}
			if tt.wantStatus == http.StatusNotFound && !strings.Contains(message, objectKey) {
				t.Errorf("Message %q does not name the object", message)
			}
			if message == "" {
				t.Error("no Message in the body")
			}
		})
	}
}

// TestProfileObjectLifecycle is what a test of DeleteProfileObject arranges and asserts through the
// API itself: define a type and a profile, put an object, list it, delete it, then it is gone.
func TestProfileObjectLifecycle(t *testing.T) {
	resetStub(t)
	client := newProfilesClient(t, demoCredentials)
	ctx := t.Context()
	const typeName = "Subscription"
	text, email := customerprofiles.STRING, customerprofiles.EMAILADDRESS
	unique := []customerprofiles.ObjectTypeKeyStandardIdentifiers{customerprofiles.ObjectTypeKeyStandardIdentifiersUNIQUE}
	profileKey := []customerprofiles.ObjectTypeKeyStandardIdentifiers{customerprofiles.ObjectTypeKeyStandardIdentifiersPROFILE}
	defined, err := client.PutProfileObjectTypeWithResponse(ctx, domain, typeName, customerprofiles.PutProfileObjectTypeJSONRequestBody{
		Description: "Subscriptions of a customer",
		Fields: &map[string]customerprofiles.ObjectTypeField{
			"subscriptionId": {Source: ptr("_source.subscriptionId"), ContentType: &text},
			"email":          {Source: ptr("_source.email"), Target: ptr("_profile.EmailAddress"), ContentType: &email},
		},
		Keys: &map[string][]customerprofiles.ObjectTypeKey{
			"subscriptionId": {{StandardIdentifiers: &unique, FieldNames: &[]string{"subscriptionId"}}},
			"email":          {{StandardIdentifiers: &profileKey, FieldNames: &[]string{"email"}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if defined.JSON200 == nil {
		t.Fatalf("put type: status %d: %s", defined.StatusCode(), defined.Body)
	}
	profile, err := client.CreateProfileWithResponse(ctx, domain, customerprofiles.CreateProfileJSONRequestBody{
		FirstName: ptr("Ana"), EmailAddress: ptr("ana.silva@example.com"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if profile.JSON200 == nil || profile.JSON200.ProfileId == nil {
		t.Fatalf("create profile: status %d: %s", profile.StatusCode(), profile.Body)
	}
	profileID := *profile.JSON200.ProfileId
	put, err := client.PutProfileObjectWithResponse(ctx, domain, customerprofiles.PutProfileObjectJSONRequestBody{
		ObjectTypeName: typeName,
		Object:         `{"subscriptionId":"sub-1","email":"ana.silva@example.com"}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	if put.JSON200 == nil || put.JSON200.ProfileObjectUniqueKey == nil {
		t.Fatalf("put object: status %d: %s", put.StatusCode(), put.Body)
	}
	key := *put.JSON200.ProfileObjectUniqueKey
	listed := func() []string {
		t.Helper()
		page, err := client.ListProfileObjectsWithResponse(ctx, domain, nil, customerprofiles.ListProfileObjectsJSONRequestBody{
			ObjectTypeName: typeName, ProfileId: profileID,
		})
		if err != nil {
			t.Fatal(err)
		}
		if page.JSON200 == nil {
			t.Fatalf("list: status %d: %s", page.StatusCode(), page.Body)
		}
		var keys []string
		for _, item := range *page.JSON200.Items {
			keys = append(keys, *item.ProfileObjectUniqueKey)
		}
		return keys
	}
	if got := listed(); !slices.Equal(got, []string{key}) {
		t.Fatalf("listed %v, want the object put", got)
	}
	theObject := customerprofiles.DeleteProfileObjectJSONRequestBody{
		ProfileId: profileID, ObjectTypeName: typeName, ProfileObjectUniqueKey: key,
	}
	deleted, err := client.DeleteProfileObjectWithResponse(ctx, domain, theObject)
	if err != nil {
		t.Fatal(err)
	}
	if deleted.JSON200 == nil {
		t.Fatalf("delete: status %d: %s", deleted.StatusCode(), deleted.Body)
	}
	if got := listed(); len(got) != 0 {
		t.Errorf("listed %v after the delete, want none", got)
	}
	again, err := client.DeleteProfileObjectWithResponse(ctx, domain, theObject)
	if err != nil {
		t.Fatal(err)
	}
	if again.JSON404 == nil {
		t.Errorf("second delete: status %d: %s, want ResourceNotFoundException", again.StatusCode(), again.Body)
	}
	if got, want := statuses(recorded(t, "customer-profiles")), []int{200, 200, 200, 200, 200, 200, 404}; !slices.Equal(got, want) {
		t.Errorf("the stub answered %v, want %v", got, want)
	}
}
