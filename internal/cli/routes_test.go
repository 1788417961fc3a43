package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoutesCommand(t *testing.T) {
	dir := t.TempDir()
	src := `from fastapi import APIRouter, Depends, FastAPI
from fastapi_limiter.depends import RateLimiter

app = FastAPI()
router = APIRouter(prefix="/v1")


@router.post("/login", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
def login():
    return {}


@router.post("/reset", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
def reset():
    return {}


@router.post("/mfa")
def mfa():
    return {}


app.include_router(router, prefix="/api")
`
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"routes", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, want := range []string{"POST    /api/v1/login  dependency", "POST    /api/v1/mfa    none"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "3 routes, 2 with a rate limit, 1 reported by RL015") {
		t.Errorf("summary: %s", stderr.String())
	}
	stdout.Reset()
	if code := Run([]string{"routes", "--format", "json", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Routes []struct{ Method, Path, Limit string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || len(doc.Routes) != 3 || doc.Routes[1].Path != "/api/v1/mfa" || doc.Routes[1].Limit != "none" {
		t.Errorf("json %s: %v", stdout.String(), err)
	}
	if code := Run([]string{"routes", "--format", "yaml", dir}, &stdout, &stderr); code != ExitError {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}
