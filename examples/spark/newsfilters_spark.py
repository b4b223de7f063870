#!/usr/bin/env python3
"""Run a chain of newsfilters tools over JSON Lines files with Apache Spark.

    spark-submit [SPARK OPTIONS] newsfilters_spark.py [OPTIONS] CHAIN INPUT... OUTPUT
    python3 newsfilters_spark.py --master 'local[*]' [OPTIONS] CHAIN INPUT... OUTPUT

CHAIN is a shell pipeline of the tools, quoted as one argument, for example
'news-quotes | news-numbers | news-entities | news-split --keep quotes,numbers,entities'.
Each INPUT is a file, a directory or a glob, as Spark's textFile reads them
(compressed .gz and .bz2 files included); OUTPUT is a directory that must not
exist yet: Spark writes part-00000, part-00001, ... and _SUCCESS there.

Each partition of the input, a run of whole lines, is piped through the chain
with RDD.pipe: the records are never cut, and since nothing is shuffled the
part files, read in name order, hold the records in input order. The tools
must be on each executor's PATH (--path says which) or be shipped with the
job (--ship, which uses SparkContext.addFile and so SparkFiles).

See README.md beside this file for the whole story, caveats included.
"""

import argparse
import os
import re
import shlex
import sys

# Where executors look for the tools after --path and the shipped files.
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"

CODECS = {
    "gzip": "org.apache.hadoop.io.compress.GzipCodec",
    "bzip2": "org.apache.hadoop.io.compress.BZip2Codec",
}


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="newsfilters_spark.py",
        description="Run a chain of newsfilters tools over JSON Lines files with Spark's RDD.pipe.",
        epilog="Example: newsfilters_spark.py --master 'local[*]' "
        "'news-quotes | news-entities' articles/ annotated/",
    )
    p.add_argument("chain", help="the tools as a shell pipeline, quoted as one argument")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON Lines files, directories or globs")
    p.add_argument("output", metavar="OUTPUT", help="the directory to write (must not exist)")
    p.add_argument("--master", help="Spark master URL, e.g. local[2] (default: spark-submit's or Spark's own)")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="split the input into at least N partitions (default: Spark's, one per file block)")
    p.add_argument("--path", metavar="DIRS",
                   help="PATH on the executors, where the tools are (default: this process's PATH); "
                        f"{SYSTEM_PATH} is always appended")
    p.add_argument("--ship", action="append", default=[], metavar="FILE",
                   help="send FILE (a tool's binary) to every executor with SparkContext.addFile and "
                        "look there first; repeat for each tool")
    p.add_argument("--keep-going", action="store_true",
                   help="accept exit status 1 from the chain, which is what the tools report after "
                        "skipping or passing bad lines with --on-error skip|pass; without it a "
                        "partition whose chain exits non-zero fails its task, and Spark's retries then the job")
    p.add_argument("--compress", choices=sorted(CODECS), help="compress the part files")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be 1 or more")
    for f in args.ship:
        if not os.path.isfile(f):
            p.error(f"--ship {f}: no such file")
    return args


def pipe_command(chain, keep_going, shipped):
    """The command RDD.pipe runs for each partition.

    RDD.pipe splits its command with shlex and runs it without a shell, so the
    chain goes to bash (every Spark node has it: Spark's own scripts need it)
    with pipefail, so that a failing tool anywhere in the chain fails the task
    rather than silently cutting the partition short.
    """
    script = chain
    if shipped:
        # SparkFiles' folder: the driver's in local mode, each executor's
        # working folder on a cluster.
        script = 'PATH="${NEWSFILTERS_FILES:-$PWD}:$PATH"\n' + script
    if keep_going:
        script += '\ns=$?\n[ "$s" -eq 1 ] && exit 0\nexit "$s"'
    return "bash -o pipefail -c " + shlex.quote(script)


def pipe_env(path, shipped_dir):
    """The environment of the chain. RDD.pipe gives the command this and
    nothing else (not the executor's own environment)."""
    env = {
        "PATH": ":".join(d for d in [path, SYSTEM_PATH] if d),
        "LC_ALL": "C.UTF-8",
        "NEWSFILTERS_FILES": shipped_dir,
    }
    return env


def explain(error):
    """One line out of a Spark failure's pages of stack traces."""
    text = str(error)
    found = re.search(r"exited with error code (-?\d+)", text)
    if not found:
        lines = text.strip().splitlines()
        return lines[0] if lines else type(error).__name__
    status = int(found.group(1))
    meaning = {
        1: "a bad line or a failed read or write; the tool named it",
        64: "a usage error in the chain",
        126: "a tool is not executable",
        127: "a tool is not on the executors' PATH (see --path and --ship)",
    }.get(status, "see the tool's message")
    return (f"the chain exited with status {status} ({meaning}); "
            "the tools' own messages are in the executors' stderr")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsfilters")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    for f in args.ship:
        sc.addFile(os.path.abspath(f))
    # In local mode the executors share the driver's SparkFiles folder; on a
    # cluster each executor fetches shipped files into its working folder.
    local = sc.master == "local" or sc.master.startswith("local[")
    shipped_dir = SparkFiles.getRootDirectory() if args.ship and local else ""

    path = args.path if args.path is not None else os.environ.get("PATH", "")
    # textFile splits the input on line ends only (never inside a record) and
    # hands each line over without its line end.
    lines = sc.textFile(",".join(args.inputs), minPartitions=args.partitions)
    out = lines.pipe(
        pipe_command(args.chain, args.keep_going, bool(args.ship)),
        env=pipe_env(path, shipped_dir),
        checkCode=True,
    )
    try:
        out.saveAsTextFile(args.output, CODECS.get(args.compress))
    except Exception as error:  # Py4JJavaError and friends: the message is pages long
        print(f"newsfilters_spark.py: the job failed: {explain(error)}", file=sys.stderr)
        spark.stop()
        return 1
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
