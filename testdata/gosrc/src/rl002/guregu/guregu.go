// Package guregu holds RL002 fixtures for guregu/dynamo.
package guregu

import (
	"context"

	"github.com/guregu/dynamo"
)

type counter struct {
	Key   string `dynamo:"pk"`
	Count int    `dynamo:"count"`
}

// add increments with no condition.
func add(table dynamo.Table, key string) error {
	return table.Update("pk", key).Add("count", 1).Run() // want `UpdateItem increments "count" without a ConditionExpression and nothing checks`
}

// addChecked reads the new value and compares it.
func addChecked(ctx context.Context, table dynamo.Table, key string) (bool, error) {
	var c counter
	if err := table.Update("pk", key).Add("count", 1).ValueWithContext(ctx, &c); err != nil { // want `checks the returned value only after the write`
		return false, err
	}
	return c.Count <= 100, nil
}

// conditional carries the limit: fine.
func conditional(table dynamo.Table, key string) error {
	return table.Update("pk", key).Add("count", 1).If("attribute_not_exists('count') OR 'count' < ?", 100).Run()
}

// builtInSteps adds the condition on the variable: fine.
func builtInSteps(table dynamo.Table, key string) error {
	u := table.Update("pk", key).Add("count", 1)
	u.If("'count' < ?", 100)
	return u.Run()
}

// release decrements: fine.
func release(table dynamo.Table, key string) error {
	return table.Update("pk", key).Add("count", -1).Run()
}
