#!/usr/bin/env python3
"""Side by side, rounds interleaved: a bare JVM start, a fresh child JVM running one trivial JUnit test, and a
CRIU restore of a warmed child running it. Wall and CPU (CPU = criu + the JVM, from wait4's rusage) per run.
Run by bench/criu/run, which builds the class path; see bench/criu/README.md.

Python, not Java: `criu restore --restore-sibling` makes the restored JVM a child of criu's caller, and only a
caller that can wait4 a process it did not fork itself reads its exit status and CPU time."""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

CHILD_FLAGS = ["-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5",
               "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"]
WARM_CHILD = "io.github.nsunit.bench.criu.WarmChild"
TRIVIAL = "io.github.nsunit.bench.criu.TrivialTest"
PROBE = "io.github.nsunit.bench.criu.RandomnessProbeTest"
HANGING = "io.github.nsunit.bench.criu.VerdictTests$Hanging"
VERDICTS = {"pass": (TRIVIAL, 0), "fail": ("io.github.nsunit.bench.criu.VerdictTests$Failing", 1),
            "System.exit(3)": ("io.github.nsunit.bench.criu.VerdictTests$Exiting", 3),
            "hang, SIGKILLed": (HANGING, -signal.SIGKILL)}


def archive(java, cp, directory):
    """A dynamic class-data archive of a child that ran the trivial test, as nsunit's children use one today
    (JDK 17: written at a normal exit; the class path must hold only jars). Both the fresh and the warmed
    child start with it."""
    path = os.path.join(directory, "child.jsa")
    subprocess.run([java, *CHILD_FLAGS, f"-XX:ArchiveClassesAtExit={path}", "-cp", cp, WARM_CHILD],
                   input=(TRIVIAL + "\n").encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    CHILD_FLAGS.append(f"-XX:SharedArchiveFile={path}")


def cpu_ms(rusage):
    return (rusage.ru_utime + rusage.ru_stime) * 1000


def reap(pid):
    _, status, rusage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), cpu_ms(rusage), rusage.ru_maxrss / 1024  # peak RSS, MiB


def floor(java, cp):
    start = time.monotonic()
    proc = subprocess.Popen([java, "-cp", cp, "io.github.nsunit.bench.EmptyMain"])
    code, cpu, peak = reap(proc.pid)
    assert code == 0, code
    return (time.monotonic() - start) * 1000, cpu, peak


def fresh(java, cp, test, expect=0):
    """Today's way: start a child JVM, open the session, run one test, exit."""
    start = time.monotonic()
    proc = subprocess.Popen([java, *CHILD_FLAGS, "-cp", cp, WARM_CHILD], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    proc.stdin.write((test + "\n").encode())
    proc.stdin.close()
    code, cpu, peak, out = finish(proc.pid, proc.stdout, test, expect)
    proc.returncode = code
    return (time.monotonic() - start) * 1000, cpu, peak, out


def finish(pid, stdout, test, expect):
    """Reads the child's output to its end and reaps it; a hanging test is killed first, as a timeout watchdog
    would. Checks the exit status (negative: the signal) against what a started child gives."""
    if test == HANGING:
        time.sleep(1.5)
        os.kill(pid, signal.SIGKILL)
    out = stdout.read()
    out = out.decode() if isinstance(out, bytes) else out
    code, cpu, peak = reap(pid)
    assert code == expect, f"{test}: exit status {code}, expected {expect}: {out}"
    return code, cpu, peak, out


def log_tail(images, name):
    with open(os.path.join(images, name)) as log:
        return "".join(log.readlines()[-15:])


def pipe_inode(pid, fd):
    return re.fullmatch(r"pipe:\[(\d+)\]", os.readlink(f"/proc/{pid}/fd/{fd}")).group(1)


def dump(criu, java, cp, images, warm_up=TRIVIAL):
    """Starts the warmed child as PID 1 and session leader (setsid) of a new PID namespace, which CRIU dumps
    and restores as a whole, waits for its "ready" and checkpoints it; CRIU kills it after the dump. Returns
    the inodes of its stdin and stdout pipes, which each restore replaces with fresh pipes of its own."""
    proc = subprocess.Popen(["unshare", "--pid", "--fork", "--kill-child", "setsid", java, *CHILD_FLAGS, "-cp", cp,
                             WARM_CHILD, warm_up], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    lines = []
    while not lines or lines[-1] != "ready":
        line = proc.stdout.readline().decode()
        assert line, "warm child ended before ready: " + "".join(lines)
        lines.append(line.strip())
    with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as children:
        jvm = int(children.read().split()[0])
    inodes = pipe_inode(jvm, 0), pipe_inode(jvm, 1)
    start = time.monotonic()
    if subprocess.run([criu, "dump", "-t", str(jvm), "-D", images, "-o", "dump.log"]).returncode != 0:
        proc.kill()
        raise SystemExit("criu dump failed:\n" + log_tail(images, "dump.log"))
    dumped_ms = (time.monotonic() - start) * 1000
    proc.wait()
    size = sum(os.path.getsize(os.path.join(images, f)) for f in os.listdir(images))
    return inodes, dumped_ms, size


def restore(criu, images, inodes, test, expect=0):
    """One copy of the warmed child: criu restores it detached as this process's child, with fresh pipes in
    place of the dumped ones, then it reads the test's name, runs it and exits."""
    stdin_r, stdin_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    pidfile = os.path.join(images, "restored.pid")
    start = time.monotonic()
    proc = subprocess.Popen([criu, "restore", "-D", images, "-o", "restore.log", "-d", "--restore-sibling",
                             "--pidfile", pidfile, "--inherit-fd", f"fd[{stdin_r}]:pipe:[{inodes[0]}]",
                             "--inherit-fd", f"fd[{stdout_w}]:pipe:[{inodes[1]}]"], pass_fds=(stdin_r, stdout_w))
    criu_code, criu_cpu, _ = reap(proc.pid)
    proc.returncode = criu_code
    os.close(stdin_r)
    os.close(stdout_w)
    if criu_code != 0:
        raise SystemExit(f"criu restore exited {criu_code}:\n" + log_tail(images, "restore.log"))
    with open(pidfile) as f:
        jvm = int(f.read())
    os.remove(pidfile)
    os.write(stdin_w, (test + "\n").encode())
    os.close(stdin_w)
    with os.fdopen(stdout_r) as out:
        _, jvm_cpu, peak, text = finish(jvm, out, test, expect)
    return (time.monotonic() - start) * 1000, criu_cpu + jvm_cpu, peak, text


def summary(label, runs):
    wall = [r[0] for r in runs]
    cpu = [r[1] for r in runs]
    peak = [r[2] for r in runs]
    print(f"{label:<52} {statistics.median(wall):8.0f} {min(wall):6.0f} {max(wall):6.0f}"
          f" {statistics.median(cpu):8.0f} {statistics.median(peak):9.1f}")


def print_randomness(title, outputs):
    print(title)
    for source, values in random_values(outputs).items():
        verdict = "differs" if len(set(values)) == len(values) else "REPEATS"
        print(f"  {source:<18} {verdict}  {' '.join(v[:12] for v in values)}")


def random_values(outputs):
    """{source: [value per copy]} from the probe's lines."""
    values = {}
    for text in outputs:
        line = next(line for line in text.splitlines() if line.startswith("random "))
        for pair in line[len("random "):].split():
            key, value = pair.split("=", 1)
            values.setdefault(key, []).append(value)
    return values


def filesystem(path):
    """The type of the file system mounted at path, from /proc/self/mounts."""
    with open("/proc/self/mounts") as mounts:
        types = [line.split()[2] for line in mounts if line.split()[1] == path]
    return types[-1] if types else "the root file system"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", required=True)
    parser.add_argument("--cp", required=True)
    parser.add_argument("--criu", required=True)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--label", default="as the machine is")
    args = parser.parse_args()
    private = tempfile.mkdtemp(prefix="nsunit-criu-bench.")  # the archive and the images; removed at the end
    images = os.path.join(private, "images")
    os.mkdir(images)
    try:
        print(f"{args.label}: CRIU's kernel-feature cache /run is on {filesystem('/run')}")
        archive(args.java, args.cp, private)
        inodes, dumped_ms, size = dump(args.criu, args.java, args.cp, images)
        print(f"checkpoint of the warmed child: {dumped_ms:.0f} ms, image {size / 2**20:.1f} MiB")
        rows = {"floor": [], "fresh": [], "restore": []}
        for _ in range(args.rounds):
            rows["floor"].append(floor(args.java, args.cp))
            rows["fresh"].append(fresh(args.java, args.cp, TRIVIAL)[:3])
            rows["restore"].append(restore(args.criu, images, inodes, TRIVIAL)[:3])
        print(f"{'medians of ' + str(args.rounds) + ', ms':<52} {'wall':>8} {'min':>6} {'max':>6} {'CPU':>8} {'peak MiB':>9}")
        summary("bare java, empty main (the floor)", rows["floor"])
        summary("fresh child: start + launcher session + one test", rows["fresh"])
        summary("CRIU restore of the warmed child + one test", rows["restore"])
        print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        for verdict, (test, expect) in VERDICTS.items():
            fresh(args.java, args.cp, test, expect)
            restore(args.criu, images, inodes, test, expect)
        print("verdicts, started and restored child alike (exit status): "
              + ", ".join(f"{verdict} {expect}" for verdict, (_, expect) in VERDICTS.items()))
        copies = [restore(args.criu, images, inodes, PROBE)[3] for _ in range(3)]
        print_randomness("randomness in 3 restored copies (the probe first ran after the checkpoint):", copies)
        # The hazard itself: a generator seeded before the checkpoint is the same generator in every copy.
        seeded = os.path.join(private, "images-seeded")
        os.mkdir(seeded)
        seeded_inodes = dump(args.criu, args.java, args.cp, seeded, warm_up=PROBE)[0]
        copies = [restore(args.criu, seeded, seeded_inodes, PROBE)[3] for _ in range(3)]
        print_randomness("... and in 3 copies of a child whose warm-up had run the probe before the checkpoint:",
                         copies)
    finally:
        shutil.rmtree(private)


if __name__ == "__main__":
    sys.exit(main())
