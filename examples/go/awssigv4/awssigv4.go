// Package awssigv4 signs the requests of a generated client with AWS Signature Version 4, using
// the signer of the AWS SDK for Go v2, as the SDK itself would sign them.
package awssigv4

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// RequestEditor returns a request editor that signs each request for service in region with the
// credentials the provider gives. Its signature is that of the editors oapi-codegen's clients
// take, so it plugs into one with WithRequestEditorFn.
func RequestEditor(credentials aws.CredentialsProvider, service, region string) func(context.Context, *http.Request) error {
	signer := v4.NewSigner()
	return func(ctx context.Context, req *http.Request) error {
		creds, err := credentials.Retrieve(ctx)
		if err != nil {
			return fmt.Errorf("awssigv4: credentials: %w", err)
		}
		payloadHash, err := hashBody(req)
		if err != nil {
			return err
		}
		return signer.SignHTTP(ctx, creds, req, payloadHash, service, region, time.Now())
	}
}

// hashBody is the hex SHA-256 of the request's body, read through GetBody so that the body itself
// is still there to send.
func hashBody(req *http.Request) (string, error) {
	sum := sha256.New()
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return "", fmt.Errorf("awssigv4: body: %w", err)
		}
		defer body.Close()
		if _, err := io.Copy(sum, body); err != nil {
			return "", fmt.Errorf("awssigv4: body: %w", err)
		}
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}
