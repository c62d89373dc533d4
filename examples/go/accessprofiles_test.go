package stubexamples_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"example.com/contract-stubs-go/accessprofiles"
)

// newAccessProfilesClient is the generated client on an HTTP client that fetches a token from
// the tenant's token endpoint with the client-credentials grant, and renews it when it expires.
func newAccessProfilesClient(t *testing.T, clientID string) *accessprofiles.ClientWithResponses {
	t.Helper()
	tokens := clientcredentials.Config{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		TokenURL:     stubURL + "/oauth/token",
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	client, err := accessprofiles.NewClientWithResponses(stubURL+"/v3",
		accessprofiles.WithHTTPClient(tokens.Client(t.Context())))
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func deleteAccessProfile(t *testing.T, client *accessprofiles.ClientWithResponses, id string) *accessprofiles.DeleteAccessProfileResponse {
	t.Helper()
	res, err := client.DeleteAccessProfileWithResponse(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestDeleteAccessProfile(t *testing.T) {
	tests := []struct {
		name        string
		client      func(t *testing.T) *accessprofiles.ClientWithResponses
		id          string
		deleteTwice bool
		wantStatus  int
		// wantDetailCode is the detailCode of an ErrorResponseDto answer.
		wantDetailCode string
	}{
		{name: "deletes an access profile nothing uses", client: orgAdminClient, id: unusedProfile,
			wantStatus: http.StatusNoContent},
		{name: "a second delete is not found", client: orgAdminClient, id: unusedProfile, deleteTwice: true,
			wantStatus: http.StatusNotFound, wantDetailCode: "404 Not found"},
		{name: "an access profile in use is refused", client: orgAdminClient, id: inUseProfile,
			wantStatus: http.StatusBadRequest, wantDetailCode: "400.2.1.0 Object in use by another"},
		{name: "a client without the authority is forbidden", client: helpdeskClient, id: unusedProfile,
			wantStatus: http.StatusForbidden, wantDetailCode: "403 Forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resetStub(t)
			client := tt.client(t)
			if tt.deleteTwice {
				deleteAccessProfile(t, client, tt.id)
			}

			res := deleteAccessProfile(t, client, tt.id)

			if res.StatusCode() != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", res.StatusCode(), tt.wantStatus, res.Body)
			}
			var dto *accessprofiles.ErrorResponseDto
			switch tt.wantStatus {
			case http.StatusNoContent:
				if len(res.Body) != 0 {
					t.Errorf("a body on 204: %s", res.Body)
				}
				return
			case http.StatusBadRequest:
				dto = res.JSON400
			case http.StatusForbidden:
				dto = res.JSON403
			case http.StatusNotFound:
				dto = res.JSON404
			}
			if dto == nil || dto.DetailCode == nil || *dto.DetailCode != tt.wantDetailCode {
				t.Fatalf("detailCode of %s, want %q", res.Body, tt.wantDetailCode)
			}
			if dto.TrackingId == nil || *dto.TrackingId != res.HTTPResponse.Header.Get("X-Tracking-Id") {
				t.Errorf("trackingId %v is not the X-Tracking-Id header", dto.TrackingId)
			}
		})
	}
}

func TestDeleteAccessProfileWithoutAToken(t *testing.T) {
	resetStub(t)
	client, err := accessprofiles.NewClientWithResponses(stubURL + "/v3")
	if err != nil {
		t.Fatal(err)
	}

	res := deleteAccessProfile(t, client, unusedProfile)

	if res.StatusCode() != http.StatusUnauthorized || res.JSON401 == nil || res.JSON401.Error == nil {
		t.Fatalf("status %d, body %s: want 401 with an error", res.StatusCode(), res.Body)
	}
	if !strings.Contains(*res.JSON401.Error, "JWT") {
		t.Errorf("error %q", *res.JSON401.Error)
	}
}

func orgAdminClient(t *testing.T) *accessprofiles.ClientWithResponses {
	return newAccessProfilesClient(t, orgAdmin)
}

func helpdeskClient(t *testing.T) *accessprofiles.ClientWithResponses {
	return newAccessProfilesClient(t, helpdesk)
}
