// Command tuijin-bench measures Tuijin over HTTP against a seeded province,
// and load-tests it with simulated users of every role.
//
//	tuijin-bench [flags]        benchmark: bench/results.json and bench/RESULTS.md
//	tuijin-bench load [flags]   load test: 200 users for 60 s, then an exactly-once check
//
// Both build nothing: "make bench" and "make loadtest" build bin/tuijin and
// this command first. Everything runs on loopback.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && os.Args[1] == "load" {
		err = cmdLoad(ctx, os.Args[2:])
	} else {
		err = cmdBench(ctx, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tuijin-bench:", err)
		os.Exit(1)
	}
}

// config is the benchmark's settings, recorded with its results.
type config struct {
	Bin         string `json:"-"`
	Out         string `json:"-"`
	Projects    int    `json:"projects"`
	Seed        uint64 `json:"seed"`
	Concurrency []int  `json:"concurrency"`
	Timing      timing `json:"timing"`
	ImportRows  int    `json:"import_rows"`
	Postgres    string `json:"-"`
	Year        int    `json:"year"`
	// Only, when set, limits the run to scenarios whose names start with
	// one of these.
	Only []string `json:"only,omitempty"`
	// Readme, when set, is a README whose block of latest figures a full
	// run (50,000 projects, every scenario) rewrites.
	Readme string `json:"-"`
}

func cmdBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("tuijin-bench", flag.ContinueOnError)
	var cfg config
	fs.StringVar(&cfg.Bin, "bin", "bin/tuijin", "the tuijin binary to measure")
	fs.StringVar(&cfg.Out, "out", "bench", "folder for results.json, RESULTS.md and tmp/")
	fs.IntVar(&cfg.Projects, "projects", 50_000, "projects in the seeded province")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated data")
	conc := fs.String("concurrency", "1,16,64", "simulated users at once, comma-separated")
	fs.DurationVar(&cfg.Timing.Warmup, "warmup", 500*time.Millisecond, "warm-up before each measurement")
	fs.DurationVar(&cfg.Timing.Round, "round", 1500*time.Millisecond, "length of a round")
	fs.IntVar(&cfg.Timing.Rounds, "rounds", 3, "rounds per measurement")
	fs.IntVar(&cfg.ImportRows, "import", 10_000, "rows of the imported and exported ledger (0: skip)")
	fs.StringVar(&cfg.Postgres, "pg", "", `also measure PostgreSQL: "auto" starts a throwaway server, or a postgres:// URL`)
	fs.StringVar(&cfg.Readme, "readme", "", "a README whose figures block a full run updates")
	only := fs.String("only", "", "run only the scenarios whose names start with these, comma-separated (e.g. ledger,project detail)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *only != "" {
		cfg.Only = strings.Split(*only, ",")
	}
	var err error
	if cfg.Concurrency, err = ints(*conc); err != nil {
		return err
	}
	cfg.Year = time.Now().In(officeZone()).Year()
	return bench(ctx, cfg)
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func officeZone() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}
