// basics: a small Go program exercising what a Go runtime asks of its
// emulator: threads (goroutines on several OS threads), futexes (channels,
// a mutex, a wait group), timers, a fault turned into a recovered panic, a
// signal sent to itself, and fork+exec of its own executable. It prints
// only deterministic facts, never timings, addresses or pids.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const workers = 8

// goroutines: workers sum disjoint ranges and send their sums on a channel.
func goroutines() {
	sums := make(chan [2]int64)
	for w := 0; w < workers; w++ {
		go func(w int) {
			var s int64
			for i := int64(w) * 1000; i < int64(w+1)*1000; i++ {
				s += i * i
			}
			sums <- [2]int64{int64(w), s}
		}(w)
	}
	got := make([][2]int64, 0, workers)
	for i := 0; i < workers; i++ {
		got = append(got, <-sums)
	}
	sort.Slice(got, func(i, j int) bool { return got[i][0] < got[j][0] })
	var total int64
	for _, g := range got {
		fmt.Printf("goroutines: worker %d sum %d\n", g[0], g[1])
		total += g[1]
	}
	fmt.Printf("goroutines: total %d\n", total)
}

// mutex: contended increments under a mutex and with atomics agree.
func mutex() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var atomicCount int64
	count := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				mu.Lock()
				count++
				mu.Unlock()
				atomic.AddInt64(&atomicCount, 1)
				if i%500 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("mutex: count %d atomic %d\n", count, atomic.LoadInt64(&atomicCount))
}

// channels: an unbuffered ping-pong, a closed buffered channel drained by
// range, and a select that must take the ready case.
func channels() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 1000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	_, open := <-pong
	fmt.Printf("channels: ping-pong %d, closed %v\n", v, !open)

	buf := make(chan string, 3)
	buf <- "a"
	buf <- "b"
	buf <- "c"
	close(buf)
	var parts []string
	for s := range buf {
		parts = append(parts, s)
	}
	fmt.Printf("channels: drained %s\n", strings.Join(parts, ","))

	ready := make(chan int, 1)
	ready <- 42
	select {
	case x := <-ready:
		fmt.Printf("channels: select took the ready case %d\n", x)
	case <-time.After(time.Hour):
		fmt.Println("channels: select timed out")
	}
}

// sleep: timers wake their goroutines, in order, no earlier than asked.
func sleep() {
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Printf("sleep: at least 20ms %v\n", time.Since(start) >= 20*time.Millisecond)

	order := make(chan int, 3)
	var wg sync.WaitGroup
	for _, d := range []int{300, 100, 200} {
		wg.Add(1)
		go func(d int) {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			order <- d
		}(d)
	}
	wg.Wait()
	close(order)
	var got []string
	for d := range order {
		got = append(got, fmt.Sprint(d))
	}
	fmt.Printf("sleep: woke in order %s\n", strings.Join(got, ","))

	t := time.NewTimer(time.Hour)
	fmt.Printf("sleep: stopped a pending timer %v\n", t.Stop())
}

// recovered runs f and returns what it panicked with.
func recovered(f func()) (r interface{}) {
	defer func() { r = recover() }()
	f()
	return nil
}

// panics: an explicit panic, a nil dereference (a SIGSEGV the runtime turns
// into a panic) and a division by zero, each recovered.
func panics() {
	fmt.Printf("panic: recovered %v\n", recovered(func() { panic("on purpose") }))
	var p *int
	fmt.Printf("panic: recovered %v\n", recovered(func() { *p = 1 }))
	zero := 0
	fmt.Printf("panic: recovered %v\n", recovered(func() { fmt.Println(1 / zero) }))
	var arr []int
	i := 3
	fmt.Printf("panic: recovered %v\n", recovered(func() { arr[i] = 1 }))
}

// signals: SIGUSR1 sent to the process reaches signal.Notify's channel.
func signals() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		fmt.Printf("signal: kill: %v\n", err)
		return
	}
	select {
	case s := <-c:
		fmt.Printf("signal: received %v\n", s)
	case <-time.After(time.Minute):
		fmt.Println("signal: nothing received within a minute")
	}
	signal.Stop(c)
}

// execSelf: the program runs itself as a child, reads its output and
// exit status.
func execSelf() {
	self, err := os.Executable()
	if err != nil {
		fmt.Printf("exec: os.Executable: %v\n", err)
		return
	}
	cmd := exec.Command(self, "child", "two words")
	cmd.Env = []string{"BASICS=from-parent"}
	out, err := cmd.Output()
	fmt.Printf("exec: child said %q\n", out)
	if ee, ok := err.(*exec.ExitError); ok {
		fmt.Printf("exec: child exit status %d\n", ee.ExitCode())
	} else {
		fmt.Printf("exec: child error %v\n", err)
	}
}

func child() {
	fmt.Printf("child: args %q env %s\n", os.Args[1:], os.Getenv("BASICS"))
	os.Exit(3)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		child()
	}
	runtime.GOMAXPROCS(4)
	goroutines()
	mutex()
	channels()
	sleep()
	panics()
	signals()
	execSelf()
	fmt.Println("done")
}
