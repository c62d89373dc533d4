package stubexamples_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	sailpoint "github.com/sailpoint-oss/golang-sdk/v2"
	v3 "github.com/sailpoint-oss/golang-sdk/v2/api_v3"
)

// newSailPointClient is SailPoint's Go SDK configured from the environment, as its docs say.
func newSailPointClient(t *testing.T, clientID string) *sailpoint.APIClient {
	t.Helper()
	t.Setenv("SAIL_BASE_URL", stubURL)
	t.Setenv("SAIL_CLIENT_ID", clientID)
	t.Setenv("SAIL_CLIENT_SECRET", clientSecret)
	return sailpoint.NewAPIClient(sailpoint.NewDefaultConfiguration())
}

func sailpointDelete(t *testing.T, client *sailpoint.APIClient, id string) (*http.Response, error) {
	return client.V3.AccessProfilesAPI.DeleteAccessProfile(t.Context(), id).Execute()
}

// detailCode reads the detailCode of an error's body, which the SDK keeps whether or not its
// spec gives the status a model.
func detailCode(t *testing.T, err error) string {
	t.Helper()
	var apiErr *v3.GenericOpenAPIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not the SDK's GenericOpenAPIError", err, err)
	}
	var body v3.ErrorResponseDto
	if err := json.Unmarshal(apiErr.Body(), &body); err != nil {
		t.Fatalf("body %s: %v", apiErr.Body(), err)
	}
	return body.GetDetailCode()
}

func TestSailPointSDKFetchesOneTokenOnItsFirstCallAndReusesIt(t *testing.T) {
	resetStub(t)
	client := newSailPointClient(t, orgAdmin)

	if _, err := sailpointDelete(t, client, unusedProfile); err != nil {
		t.Fatal(err)
	}
	if _, err := sailpointDelete(t, client, unusedProfile); err == nil {
		t.Fatal("a second delete succeeded")
	}

	tokens := recorded(t, "sailpoint-oauth")
	if got := statuses(tokens); !slices.Equal(got, []int{200}) {
		t.Fatalf("token requests answered %v, want one 200", got)
	}
	if ct := tokens[0].Request.Headers["content-type"]; ct != "application/x-www-form-urlencoded" {
		t.Errorf("token request content type %q", ct)
	}
	if got := statuses(recorded(t, "access-profiles")); !slices.Equal(got, []int{204, 404}) {
		t.Errorf("deletes answered %v, want [204 404]", got)
	}
}

func TestSailPointSDKDeleteAccessProfile(t *testing.T) {
	tests := []struct {
		name           string
		clientID       string
		id             string
		deleteTwice    bool
		wantStatus     int
		wantDetailCode string
	}{
		{name: "deletes an access profile nothing uses", clientID: orgAdmin, id: unusedProfile, wantStatus: 204},
		// SailPoint's spec has no 404, so the SDK gives it no model; the body still has detailCode.
		{name: "a second delete is 404 with its detailCode", clientID: orgAdmin, id: unusedProfile, deleteTwice: true,
			wantStatus: 404, wantDetailCode: "404 Not found"},
		{name: "an access profile in use is 400.2.1.0", clientID: orgAdmin, id: inUseProfile,
			wantStatus: 400, wantDetailCode: "400.2.1.0 Object in use by another"},
		{name: "a client without the authority is 403", clientID: helpdesk, id: unusedProfile,
			wantStatus: 403, wantDetailCode: "403 Forbidden"},
		// The operations take only a user's token: an API client's is refused, its token granted.
		{name: "an API client of no user is 403", clientID: userless, id: unusedProfile,
			wantStatus: 403, wantDetailCode: "403 Forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resetStub(t)
			client := newSailPointClient(t, tt.clientID)
			if tt.deleteTwice {
				if _, err := sailpointDelete(t, client, tt.id); err != nil {
					t.Fatal(err)
				}
			}

			res, err := sailpointDelete(t, client, tt.id)

			if res == nil || res.StatusCode != tt.wantStatus {
				t.Fatalf("response %v, error %v: want %d", res, err, tt.wantStatus)
			}
			if tt.wantDetailCode == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if got := detailCode(t, err); got != tt.wantDetailCode {
				t.Errorf("detailCode %q, want %q", got, tt.wantDetailCode)
			}
		})
	}
}

func TestSailPointSDKRetriesThrottlingFourTimesAfterRetryAfterThenLosesTheAnswer(t *testing.T) {
	resetStub(t)
	client := newSailPointClient(t, orgAdmin)
	client.V3.GetConfig().AddDefaultHeader("Prefer", "code=429")

	res, err := sailpointDelete(t, client, unusedProfile)

	// The last 429 does not reach the caller: no response, no body, only go-retryablehttp's error.
	if res != nil || err == nil || !strings.Contains(err.Error(), "giving up after 5 attempt(s)") {
		t.Fatalf("response %v, error %v: want no response and retryablehttp's giving-up error", res, err)
	}
	// go-retryablehttp's defaults: four retries, each after Retry-After (the stub sends 1 s).
	entries := recorded(t, "access-profiles")
	if got := statuses(entries); !slices.Equal(got, []int{429, 429, 429, 429, 429}) {
		t.Fatalf("the stub answered %v, want five 429", got)
	}
	for i, gap := range gaps(entries) {
		if gap < 900*time.Millisecond {
			t.Errorf("wait %d was %v, shorter than Retry-After", i+1, gap)
		}
	}
}

func TestSailPointSDKATokenThatIsNotValidIs401(t *testing.T) {
	resetStub(t)
	// A token given as is: the SDK sends it without asking the token endpoint.
	client := sailpoint.NewAPIClient(sailpoint.NewConfiguration(sailpoint.ClientConfiguration{
		BaseURL:  stubURL,
		TokenURL: stubURL + "/oauth/token",
		Token:    "not-a-token",
	}))

	res, err := sailpointDelete(t, client, unusedProfile)

	if res == nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("response %v, error %v: want 401", res, err)
	}
	var apiErr *v3.GenericOpenAPIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not the SDK's GenericOpenAPIError", err, err)
	}
	var body struct{ Error string }
	if err := json.Unmarshal(apiErr.Body(), &body); err != nil || !strings.HasPrefix(body.Error, "JWT validation failed") {
		t.Errorf("body %s: want SailPoint's {\"error\": \"JWT validation failed …\"}", apiErr.Body())
	}
	if got := recorded(t, "sailpoint-oauth"); len(got) != 0 {
		t.Errorf("%d token requests, want none", len(got))
	}
}

func TestSailPointSDKCreatesReadsListsAndDeletesThenFindsItGone(t *testing.T) {
	resetStub(t)
	client := newSailPointClient(t, orgAdmin)
	api := client.V3.AccessProfilesAPI

	owner := v3.NewOwnerReference()
	owner.SetType("IDENTITY")
	owner.SetId(sourceAdminIdentity)
	source := v3.NewAccessProfileSourceRef()
	source.SetType("SOURCE")
	source.SetId(activeDirectory)
	entitlement := v3.NewEntitlementRef()
	entitlement.SetType("ENTITLEMENT")
	entitlement.SetId(vpnUsers)
	profile := v3.NewAccessProfile("Contractor VPN", *owner, *source)
	profile.SetEntitlements([]v3.EntitlementRef{*entitlement})
	profile.SetEnabled(true)

	created, _, err := api.CreateAccessProfile(t.Context()).AccessProfile(*profile).Execute()
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	id := created.GetId()
	if name := created.Source.GetName(); name != "Active Directory" {
		t.Errorf("created profile's source is %q, want Active Directory", name)
	}
	read, _, err := api.GetAccessProfile(t.Context(), id).Execute()
	if err != nil || read.GetName() != "Contractor VPN" {
		t.Fatalf("get: %v, %v", read, err)
	}
	listed, _, err := api.ListAccessProfiles(t.Context()).Filters(`name eq "Contractor VPN"`).Execute()
	if err != nil || len(listed) != 1 || listed[0].GetId() != id {
		t.Fatalf("list by name: %v, %v", listed, err)
	}
	if _, err := api.DeleteAccessProfile(t.Context(), id).Execute(); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, _, err := api.GetAccessProfile(t.Context(), id).Execute(); detailCode(t, err) != "404 Not found" {
		t.Errorf("get after delete: %v", err)
	}
	if _, err := api.DeleteAccessProfile(t.Context(), id).Execute(); detailCode(t, err) != "404 Not found" {
		t.Errorf("delete again: %v", err)
	}
	if got := statuses(recorded(t, "access-profiles")); !slices.Equal(got, []int{201, 200, 200, 204, 404, 404}) {
		t.Errorf("the stub answered %v, want [201 200 200 204 404 404]", got)
	}
}

func TestSailPointSDKDeletesInBulkAllOrNothingThenBestEffortThenAnUnknownIDIsBadRequest(t *testing.T) {
	resetStub(t)
	api := newSailPointClient(t, orgAdmin).V3.AccessProfilesAPI
	bulkDelete := func(ids []string, bestEffort bool) (*v3.AccessProfileBulkDeleteResponse, *http.Response, error) {
		request := v3.NewAccessProfileBulkDeleteRequest()
		request.SetAccessProfileIds(ids)
		request.SetBestEffortOnly(bestEffort)
		return api.DeleteAccessProfilesInBulk(t.Context()).AccessProfileBulkDeleteRequest(*request).Execute()
	}

	kept, res, err := bulkDelete([]string{unusedProfile, inUseProfile}, false)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("all or nothing: %v, %v", res, err)
	}
	if len(kept.GetPending()) != 0 || len(kept.GetInUse()) != 1 || kept.GetInUse()[0].GetAccessProfileId() != inUseProfile {
		t.Errorf("all or nothing answered pending %v, in use %v; want nothing pending, %s in use",
			kept.GetPending(), kept.GetInUse(), inUseProfile)
	}
	deleted, res, err := bulkDelete([]string{unusedProfile, inUseProfile}, true)
	if err != nil || res.StatusCode != http.StatusAccepted {
		t.Fatalf("best effort: %v, %v", res, err)
	}
	if deleted.GetTaskId() == "" || !slices.Equal(deleted.GetPending(), []string{unusedProfile}) {
		t.Errorf("best effort answered task %q, pending %v; want a task and [%s]",
			deleted.GetTaskId(), deleted.GetPending(), unusedProfile)
	}
	if _, _, err := api.GetAccessProfile(t.Context(), unusedProfile).Execute(); detailCode(t, err) != "404 Not found" {
		t.Errorf("get after the bulk delete: %v", err)
	}
	if _, _, err := bulkDelete([]string{unusedProfile}, false); detailCode(t, err) != "400.1.404 Referenced object not found" {
		t.Errorf("bulk delete of an id now unknown: %v", err)
	}
	if got := statuses(recorded(t, "access-profiles")); !slices.Equal(got, []int{200, 202, 404, 400}) {
		t.Errorf("the stub answered %v, want [200 202 404 400]", got)
	}
}
