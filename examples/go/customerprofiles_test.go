package stubexamples_test

import (
	"net/http"
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
