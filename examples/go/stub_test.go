package stubexamples_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"example.com/contract-stubs-go/stubtest"
)

// stub is the stub every scenario runs against: one for the package, started by TestMain from
// the installed contract-stubs command (stubtest/), or the one at STUB_URL.
var stub *stubtest.Stub

// stubURL is its root URL.
var stubURL string

func TestMain(m *testing.M) {
	var err error
	if stub, err = stubtest.Launch(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	stubURL = stub.URL()
	code := m.Run()
	stub.Stop()
	os.Exit(code)
}

// resetStub puts the stub back to its demo data, with no faults armed and an empty journal.
func resetStub(t *testing.T) {
	t.Helper()
	stub.Reset(t)
}

// Names from the stub's demo data (server/data/demo-data.json).
const (
	region     = "us-east-1"
	accessKey  = "AKIAIOSFODNN7EXAMPLE"
	secretKey  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	domain     = "DemoDomain"
	profileID  = "3991a7d959d248bba82546b2d0e0a1b2"
	objectType = "MyCustomObjectName"
	objectKey  = "UniqueKeyOfTheProfileObject"

	clientSecret  = "stub-secret"
	orgAdmin      = "org-admin"
	helpdesk      = "helpdesk" // a user whose authorities do not include deleting access profiles
	userless      = "api"      // an API client that belongs to no user: the operations refuse its tokens
	unusedProfile = "2c91808a7813090a017814121919ecca"
	inUseProfile  = "2c9180835d191a86015d28455b4a2329"

	// For a new access profile: a source, one of its entitlements no demo profile has, an owner.
	activeDirectory     = "2c9180835d191a86015d28455b4a0001"
	vpnUsers            = "2c9180835d191a86015d28455b4e0103"
	sourceAdminIdentity = "2c9180a46faadee4016fb4e018c20640"
)

var demoCredentials = credentials.NewStaticCredentialsProvider(accessKey, secretKey, "")

// journalEntry is what the scenarios read of one request the stub recorded.
type journalEntry struct {
	Time    time.Time `json:"time"`
	Request struct {
		Headers map[string]string `json:"headers"`
	} `json:"request"`
	Response *struct {
		Status int `json:"status"`
	} `json:"response"`
}

// recorded is every request to one API (customer-profiles, access-profiles or sailpoint-oauth)
// that the stub recorded since the last reset, oldest first.
func recorded(t *testing.T, api string) []journalEntry {
	t.Helper()
	var page struct {
		Requests []journalEntry `json:"requests"`
	}
	stub.Requests(t, api, &page)
	return page.Requests
}

// statuses is the status each recorded request was answered with, 0 for a dropped connection.
func statuses(entries []journalEntry) []int {
	out := make([]int, len(entries))
	for i, e := range entries {
		if e.Response != nil {
			out[i] = e.Response.Status
		}
	}
	return out
}

// gaps is the time between each recorded request and the next.
func gaps(entries []journalEntry) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(entries); i++ {
		out = append(out, entries[i].Time.Sub(entries[i-1].Time))
	}
	return out
}
