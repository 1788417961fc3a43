package limiter

import (
	"errors"
	"log"
)

type conn struct{ stale bool }

func (c *conn) Close() error { return nil }

type connPool struct {
	idle  []*conn
	ready chan *conn
}

var errEmpty = errors.New("pool is empty")

// acquireConn takes a connection from the pool: "acquire" names no limit
// decision on a type that is not a limiter.
func (p *connPool) acquireConn() (*conn, error) {
	select {
	case c := <-p.ready:
		return c, nil
	default:
		if len(p.idle) == 0 {
			return nil, errEmpty
		}
		c := p.idle[0]
		p.idle = p.idle[1:]
		return c, nil
	}
}

// AcquireConn skips stale connections: a loop over the pool, no retry of
// a rate-limit decision.
func (p *connPool) AcquireConn() (*conn, error) {
	for {
		c, err := p.acquireConn()
		if err != nil {
			return nil, err
		}
		if !c.stale {
			return c, nil
		}
		// a stale connection is closed and the next one taken
		if err := c.Close(); err != nil {
			log.Print(err)
		}
	}
}

// tokenBucket is named for limiting: its acquireToken is the limiter's.
type tokenBucket struct{ n int }

func (b *tokenBucket) acquireSlot() (bool, error) { return b.n > 0, nil }

// spin retries the bucket with no bound and no pause.
func spin(b *tokenBucket) bool {
	for { // want `retries acquireSlot on error with no attempt bound`
		ok, err := b.acquireSlot()
		if err != nil {
			continue
		}
		return ok
	}
}
