package stubexamples_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"
)

// stubURL is the root of the stub the scenarios run against, from STUB_URL.
var stubURL string

func TestMain(m *testing.M) {
	stubURL = strings.TrimSuffix(os.Getenv("STUB_URL"), "/")
	if stubURL == "" {
		fmt.Fprintln(os.Stderr, "STUB_URL is not set: start the stub (npx contract-stubs) and set "+
			"STUB_URL=http://127.0.0.1:4010, or run npm run test:languages from the repository root")
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// resetStub puts the stub back to its demo data, with no faults armed and an empty journal.
func resetStub(t *testing.T) {
	t.Helper()
	res, err := http.Post(stubURL+"/__stub/reset", "", nil)
	if err != nil {
		t.Fatalf("reset the stub: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("reset the stub: %s", res.Status)
	}
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
	helpdesk      = "helpdesk" // a valid client whose authorities do not include deleting access profiles
	unusedProfile = "2c91808a7813090a017814121919ecca"
	inUseProfile  = "2c9180835d191a86015d28455b4a2329"
)

var demoCredentials = credentials.NewStaticCredentialsProvider(accessKey, secretKey, "")
