// Package fiber holds RL014 fixtures for fiber handlers.
package fiber

import "github.com/gofiber/fiber/v2"

func over(c *fiber.Ctx) bool { return c.IP() == "" }

func status(c *fiber.Ctx) error {
	if over(c) {
		return c.Status(fiber.StatusTooManyRequests).JSON(map[string]string{"error": "slow down"}) // want `no Retry-After header.*c.Set\("Retry-After"`
	}
	return c.Next()
}

func sendStatus(c *fiber.Ctx) error {
	if over(c) {
		return c.SendStatus(429) // want `no Retry-After`
	}
	return c.Next()
}

func errValue(c *fiber.Ctx) error {
	if over(c) {
		return fiber.ErrTooManyRequests // want `this 429 error carries no Retry-After`
	}
	return nil
}

func withHeader(c *fiber.Ctx) error {
	if over(c) {
		c.Set("Retry-After", "60")
		return c.SendStatus(fiber.StatusTooManyRequests)
	}
	return c.Next()
}

func withHeaderErr(c *fiber.Ctx) error {
	c.Set(fiberRetryAfter, "60")
	return fiber.NewError(fiber.StatusTooManyRequests, "slow down")
}

const fiberRetryAfter = "Retry-After"
