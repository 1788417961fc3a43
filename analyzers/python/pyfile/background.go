package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// taskDecorators are the qualified names of decorators that make a
// function a background job, which no client request waits on.
var taskDecorators = map[string]bool{
	"celery.shared_task": true, "celery.task": true, "celery.decorators.task": true, "celery.decorators.periodic_task": true,
	"dramatiq.actor": true, "rq.decorators.job": true, "rq.job": true,
	"huey.api.task": true, "huey.api.periodic_task": true, "huey.contrib.djhuey.task": true, "huey.contrib.djhuey.periodic_task": true,
	"arq.worker.func": true,
}

// taskFactories are the library classes whose instances' task decorators
// (@app.task, @huey.periodic_task, @broker.actor) make background jobs.
var taskFactories = map[string]bool{
	"celery.Celery": true, "huey.RedisHuey": true, "huey.SqliteHuey": true, "huey.Huey": true, "huey.MemoryHuey": true,
	"dramatiq.brokers.redis.RedisBroker": true, "dramatiq.brokers.rabbitmq.RabbitmqBroker": true,
}

// Background reports whether fn runs as a background job (a Celery, RQ,
// Dramatiq or Huey task) rather than for a request: decorated as one,
// itself or the function it is nested in, or a private helper
// (_name) of the project that only such jobs call. Its errors reach no
// client.
func (fn *Func) Background() bool { return fn.background(0) }

// maxBackground bounds how many private helpers deep Background follows
// the callers.
const maxBackground = 3

func (fn *Func) background(depth int) bool {
	for g := fn; g != nil; {
		for _, d := range g.Decorators() {
			if g.Scope.taskDecorator(d) {
				return true
			}
		}
		p := g.Node.Parent()
		if p == nil {
			break
		}
		g = g.File.EnclosingFunc(p)
	}
	proj := fn.File.project
	if proj == nil || depth >= maxBackground || !strings.HasPrefix(fn.Name(), "_") || strings.HasPrefix(fn.Name(), "__") {
		return false
	}
	sites := proj.CallSites(fn)
	for _, site := range sites {
		caller := site.Scope.fn
		if caller == nil || !caller.background(depth+1) {
			return false
		}
	}
	return len(sites) > 0
}

// taskDecorator reports whether decorator d makes a background job.
func (s *Scope) taskDecorator(d *pyast.Node) bool {
	if d.Type() == "call" {
		d = d.ChildByFieldName("function")
	}
	if d == nil {
		return false
	}
	if taskDecorators[s.file.Qualified(d)] {
		return true
	}
	if d.Type() != "attribute" {
		return false
	}
	switch s.file.Text(d.ChildByFieldName("attribute")) {
	case "task", "periodic_task", "actor", "job":
	default:
		return false
	}
	def := s.Resolve(d.ChildByFieldName("object"))
	if def.Node == nil || def.Node.Type() != "call" || def.Scope == nil {
		return false
	}
	q := def.Scope.file.Qualified(def.Node.ChildByFieldName("function"))
	return taskFactories[q] || strings.HasPrefix(q, "celery.")
}

// WorkerLoop reports whether n runs inside a loop that serves no request:
// a while loop that runs until the process stops (while True, while not
// stop.is_set(), while self.running) and that the statement is not
// retrying, because the loop never ends on success.
func (f *File) WorkerLoop(n *pyast.Node, fn *Func) bool {
	for p := n.Parent(); p != nil && (fn == nil || p != fn.Node); p = p.Parent() {
		if p.Type() != "while_statement" {
			continue
		}
		cond := p.ChildByFieldName("condition")
		if cond == nil {
			continue
		}
		text := f.Text(cond)
		switch {
		case cond.Type() == "true":
		case strings.HasSuffix(text, ".is_set()") && strings.HasPrefix(text, "not "):
		default:
			continue
		}
		// A loop that a success leaves (break, return) retries.
		leaves := false
		Walk(p.ChildByFieldName("body"), func(m *pyast.Node) bool {
			switch m.Type() {
			case "function_definition", "class_definition", "lambda", "while_statement", "for_statement":
				return false
			case "break_statement", "return_statement":
				leaves = true
			}
			return !leaves
		})
		if !leaves {
			return true
		}
	}
	return false
}
