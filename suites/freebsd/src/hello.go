// A FreeBSD/arm hello world from Debian's Go (GOOS=freebsd GOARCH=arm
// GOARM=6): the runtime's start-up (auxv, sysctl, cpuset, threads,
// signals, kqueue-free output) under mimic's FreeBSD personality.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Printf("hello from %s/%s\n", runtime.GOOS, runtime.GOARCH)
}
