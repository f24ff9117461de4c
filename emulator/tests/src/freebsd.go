// A FreeBSD program, built by Debian's Go with GOOS=freebsd GOARCH=arm
// GOARM=6: its ELF OS/ABI says FreeBSD, and mimic, which runs Linux
// programs only, must refuse it by name.
package main

func main() { println("a FreeBSD program") }
