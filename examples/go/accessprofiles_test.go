package stubexamples_test

import (
	"net/http"
	"slices"
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

// TestAccessProfileLifecycle is what a test of deleteAccessProfile arranges and asserts through
// the API itself: create one, read it, delete it, then reading and deleting it are not found.
func TestAccessProfileLifecycle(t *testing.T) {
	resetStub(t)
	client := orgAdminClient(t)
	ctx := t.Context()
	identity, source, entitlement := accessprofiles.IDENTITY, accessprofiles.SOURCE, accessprofiles.ENTITLEMENT
	created, err := client.CreateAccessProfileWithResponse(ctx, accessprofiles.CreateAccessProfileJSONRequestBody{
		Name:         "Contractor VPN",
		Owner:        accessprofiles.OwnerReference{Type: &identity, Id: ptr(sourceAdminIdentity)},
		Source:       accessprofiles.AccessProfileSourceRef{Type: &source, Id: ptr(activeDirectory)},
		Entitlements: &[]accessprofiles.EntitlementRef{{Type: &entitlement, Id: ptr(vpnUsers)}},
		Enabled:      ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.JSON201 == nil || created.JSON201.Id == nil {
		t.Fatalf("create: status %d: %s", created.StatusCode(), created.Body)
	}
	id := *created.JSON201.Id
	if got := created.JSON201.Source.Name; got == nil || *got != "Active Directory" {
		t.Errorf("source name %v, want Active Directory", got)
	}
	read, err := client.GetAccessProfileWithResponse(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if read.JSON200 == nil || read.JSON200.Name != "Contractor VPN" {
		t.Fatalf("read: status %d: %s", read.StatusCode(), read.Body)
	}
	if res := deleteAccessProfile(t, client, id); res.StatusCode() != http.StatusNoContent {
		t.Fatalf("delete: status %d: %s", res.StatusCode(), res.Body)
	}
	gone, err := client.GetAccessProfileWithResponse(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if gone.JSON404 == nil || gone.JSON404.DetailCode == nil || *gone.JSON404.DetailCode != "404 Not found" {
		t.Errorf("read after the delete: status %d: %s", gone.StatusCode(), gone.Body)
	}
	if res := deleteAccessProfile(t, client, id); res.JSON404 == nil {
		t.Errorf("second delete: status %d: %s", res.StatusCode(), res.Body)
	}
	if got, want := statuses(recorded(t, "access-profiles")), []int{201, 200, 204, 404, 404}; !slices.Equal(got, want) {
		t.Errorf("the stub answered %v, want %v", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

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
