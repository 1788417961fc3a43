package gintest

import (
	"testing"

	"github.com/gin-gonic/gin"
)

func TestLimit(t *testing.T) {
	r := gin.New()
	r.GET("/", Limit)
}
