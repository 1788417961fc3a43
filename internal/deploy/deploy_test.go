package deploy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFind(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		several string // what the fact that shows several processes says, "" for none
		single  bool
	}{
		{"dockerfile workers", map[string]string{"Dockerfile": "FROM python\nCMD [\"gunicorn\", \"-w\", \"4\", \"app:app\"]\n"}, "gunicorn workers 4", false},
		{"continued command", map[string]string{"Dockerfile": "FROM python\nCMD gunicorn app:app \\\n    --workers=3 \\\n    --bind 0.0.0.0\n"}, "gunicorn workers 3", false},
		{"uvicorn default", map[string]string{"Dockerfile": "CMD uvicorn app.main:app --host 0.0.0.0\n"}, "", true},
		{"procfile", map[string]string{"Procfile": "web: gunicorn app:app --workers 2\nworker: celery -A app worker\n"}, "gunicorn workers 2", false},
		{"web concurrency", map[string]string{"Dockerfile": "ENV WEB_CONCURRENCY=8\nCMD gunicorn app:app\n"}, "WEB_CONCURRENCY=8", false},
		{"gunicorn conf", map[string]string{"gunicorn.conf.py": "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n"}, "workers = multiprocessing.cpu_count() * 2 + 1", false},
		{"single worker conf", map[string]string{"gunicorn_conf.py": "workers = 1\nbind = '0.0.0.0:8000'\n"}, "", true},
		{"kubernetes", map[string]string{"deploy/k8s/api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: api\n          command: [\"uvicorn\", \"main:app\", \"--workers\", \"1\"]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n"}, "Deployment api: replicas 3", false},
		{"one replica one worker", map[string]string{"k8s.yml": "kind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - command: [gunicorn, -w, \"1\", app:app]\n"}, "", true},
		{"autoscaler", map[string]string{"hpa.yaml": "kind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1\n  maxReplicas: 10\n"}, "HorizontalPodAutoscaler: maxReplicas 10", false},
		{"compose", map[string]string{"docker-compose.yml": "services:\n  web:\n    command: gunicorn app:app -w 1\n    deploy:\n      replicas: 2\n  redis:\n    image: redis\n"}, "service web: replicas 2", false},
		{"compose environment", map[string]string{"compose.yaml": "services:\n  web:\n    environment:\n      - WEB_CONCURRENCY=4\n"}, "WEB_CONCURRENCY=4", false},
		{"helm values", map[string]string{"chart/values.yaml": "replicaCount: 2\nimage: {repository: app}\n"}, "replicaCount 2", false},
		{"not yaml", map[string]string{"x.yaml": "{{ template \"x\" }}\n: : :\n"}, "", false},
		{"skipped directories", map[string]string{"node_modules/pkg/Dockerfile": "CMD gunicorn -w 9 app:app\n"}, "", false},
		{"nothing", map[string]string{"app.py": "print(1)\n"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := Find([]string{tree(t, tt.files)})
			fact, several := ev.Several()
			if tt.several == "" && several || tt.several != "" && (!several || fact.What != tt.several) {
				t.Errorf("Several() = %+v, %v; want %q", fact, several, tt.several)
			}
			if several && (fact.Line == 0 || !strings.HasPrefix(fact.Path, os.TempDir())) {
				t.Errorf("fact %+v has no position", fact)
			}
			if got := ev.Single(); got != tt.single {
				t.Errorf("Single() = %v, want %v (evidence %+v)", got, tt.single, ev)
			}
		})
	}
}

func TestLineOfContinuedCommand(t *testing.T) {
	ev := Find([]string{tree(t, map[string]string{"Dockerfile": "FROM python\nCMD gunicorn app:app \\\n  -w 5\n"})})
	if len(ev.Workers) != 1 || ev.Workers[0].Line != 3 || ev.Workers[0].Count != 5 {
		t.Errorf("workers %+v, want 5 at line 3 (where the command ends)", ev.Workers)
	}
}
