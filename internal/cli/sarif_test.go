package cli

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestExamplesSARIFValidates scans the bundled examples, as a newcomer's
// first command does, and validates the SARIF against the official schema.
func TestExamplesSARIFValidates(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	schemaPath := filepath.Join(root, "testdata", "sarif-schema-2.1.0.json")
	t.Chdir(root)
	stdout, stderr, code := runCLI("scan", "--format", "sarif", "examples")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	schema, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(stdout)))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("SARIF of the examples does not validate: %v", err)
	}
}
