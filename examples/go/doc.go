// Package stubexamples holds the scenarios that run the generated clients against a running
// contract stub: see the _test.go files. Set STUB_URL to the stub's root URL and run go test.
package stubexamples
