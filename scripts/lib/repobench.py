"""Shared code of scripts/repobench-fetch, -generate and -validate (Python 3.9+, standard library only).

A project's source is the upstream tarball that Debian ships (the source package's .orig tarball), fetched
from a Debian mirror and checked against the SHA-256 pinned in benchmarks/repobench/projects.json. Every git
commit made here is deterministic (fixed author, committer, dates and message, no user or system git config),
so a commit id names the same tree on every machine and a changed download is caught.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = REPO_ROOT / "benchmarks" / "repobench"
PROJECTS_FILE = BENCH_DIR / "projects.json"
INSTANCES_FILE = BENCH_DIR / "instances.jsonl"
# The instances' `repo` fields are relative to BENCH_DIR: repos/<instance id>.
REPOS_LINK = BENCH_DIR / "repos"

DEFAULT_MIRROR = "http://deb.debian.org/debian"

# The identity and time of every commit made here: fixed, so that commit ids are reproducible.
COMMIT_ENV = {
    "GIT_AUTHOR_NAME": "repobench",
    "GIT_AUTHOR_EMAIL": "repobench@agentloop.invalid",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00+0000",
    "GIT_COMMITTER_NAME": "repobench",
    "GIT_COMMITTER_EMAIL": "repobench@agentloop.invalid",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00+0000",
}
GIT_CONFIG = [
    "-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.filemode=true",
    "-c", "core.symlinks=true", "-c", "core.precomposeunicode=false", "-c", "core.quotepath=false",
    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "gc.auto=0",
]

# The sandbox's limits (agent-sandbox's defaults), so that instances behave here as they will in a run.
SANDBOX_ARGS = [
    "--network", "none", "--memory", "512m", "--memory-swap", "512m", "--cpus", "1", "--pids-limit", "256",
    "--read-only", "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m,mode=1777", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
    "--user", "1000:1000", "-e", "HOME=/tmp", "-w", "/workspace",
]


class Failure(Exception):
    """An error the user can act on; the message says what to do."""


def die(message):
    print(f"{Path(sys.argv[0]).name}: {message}", file=sys.stderr)
    sys.exit(1)


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- data files


def load_projects(path=PROJECTS_FILE):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise Failure(f"cannot read {path}: {e}")
    projects = data.get("projects")
    if not isinstance(projects, list) or not projects:
        raise Failure(f"{path} has no \"projects\" list")
    names = set()
    for p in projects:
        for key in ("name", "package", "suite", "language", "image", "test_command", "report", "library"):
            if key not in p:
                raise Failure(f"project {p.get('name', '?')} in {path} lacks \"{key}\"")
        if p["name"] in names:
            raise Failure(f"project {p['name']} appears twice in {path}")
        names.add(p["name"])
    return data


def load_instances(path=INSTANCES_FILE):
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise Failure(f"cannot read {path}: {e}")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except ValueError as e:
            raise Failure(f"{path} line {n} is not JSON: {e}")
    return out


# Fields of a task line (docs/benchmarks.md); what else the generator knows goes to labels.jsonl.
TASK_FIELDS = ["id", "language", "task", "repo", "base", "failing_tests", "test_command", "tests", "hidden_tests",
               "gold_patch", "project", "version", "gold_files", "gold_functions"]
LABEL_FIELDS = ["bug_kind", "smoke"]


def labels_file(instances_file):
    return Path(instances_file).with_name("labels.jsonl")


def smoke_file(instances_file):
    return Path(instances_file).with_name("smoke.jsonl")


def load_labelled(instances_file):
    """The instances with their labels (bug_kind, smoke) merged in."""
    instances = load_instances(instances_file)
    labels_path = labels_file(instances_file)
    labels = {l["id"]: l for l in load_instances(labels_path)} if labels_path.exists() else {}
    for i in instances:
        for key in LABEL_FIELDS:
            if key in labels.get(i["id"], {}):
                i[key] = labels[i["id"]][key]
    return instances


def write_labelled(instances, instances_file):
    """Writes the task lines, the smoke subset (same format) and the labels, one JSON object per line each."""
    def dump(records, path):
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    tasks = [{k: i[k] for k in TASK_FIELDS if k in i} for i in instances]
    dump(tasks, instances_file)
    dump([t for t, i in zip(tasks, instances) if i.get("smoke")], smoke_file(instances_file))
    dump([{"id": i["id"], "project": i["project"], **{k: i[k] for k in LABEL_FIELDS if k in i}} for i in instances],
         labels_file(instances_file))


def cache_dir(override=None):
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("AGENTLOOP_REPOBENCH_CACHE")
    if env:
        return Path(env).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return (Path(base) / "agentloop" / "repobench").resolve()


# ---------------------------------------------------------------- git


def git(cwd, *args, env=None, input=None, check=True):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    full_env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"})
    full_env.update(COMMIT_ENV)
    if env:
        full_env.update(env)
    run = subprocess.run(["git", *GIT_CONFIG, *args], cwd=cwd, env=full_env, input=input,
                         capture_output=True, text=True)
    if check and run.returncode != 0:
        raise Failure(f"git {' '.join(args[:3])} failed in {cwd}: {run.stderr.strip() or run.stdout.strip()}")
    return run.stdout


def commit_message(project):
    return f"{project['package']} {project['version']} ({project['suite']})\n"


def commit_all(workdir, message):
    """Makes `workdir` a repository whose branch main holds exactly one commit of all its files; returns the id."""
    if not (workdir / ".git").exists():
        git(workdir, "init", "-q")
    git(workdir, "add", "-A", "-f", ".")
    tree = git(workdir, "write-tree").strip()
    commit = git(workdir, "commit-tree", tree, input=message).strip()
    git(workdir, "update-ref", "refs/heads/main", commit)
    git(workdir, "symbolic-ref", "HEAD", "refs/heads/main")
    return commit


def head_commit(workdir):
    run = subprocess.run(["git", "-C", str(workdir), "rev-parse", "-q", "--verify", "HEAD^{commit}"],
                         capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


# ---------------------------------------------------------------- sources


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def mirror_of(projects_data):
    return os.environ.get("AGENTLOOP_MIRROR") or projects_data.get("mirror") or DEFAULT_MIRROR


def download_orig(project, cache, mirror):
    """The project's .orig tarball in the cache, downloaded once and checked against the pinned SHA-256."""
    missing = [k for k in ("version", "orig", "directory", "sha256") if not project.get(k)]
    if missing:
        raise Failure(f"project {project['name']} lacks {', '.join(missing)}; run scripts/repobench-fetch "
                      f"--resolve {project['name']} --write")
    dest = cache / "downloads" / project["orig"]
    if dest.is_file() and sha256_of(dest) == project["sha256"]:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = f"{mirror.rstrip('/')}/{project['directory']}/{project['orig']}"
    log(f"downloading {url}")
    part = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError) as e:
        part.unlink(missing_ok=True)
        raise Failure(
            f"cannot download {url} ({e}); check that the mirror is reachable (AGENTLOOP_MIRROR overrides it). If "
            f"it is, the version has left it (Debian removes one when {project['suite']} moves on): run "
            f"scripts/repobench-fetch --resolve {project['name']} to see the current version, then regenerate the "
            f"project's instances")
    got = sha256_of(part)
    if got != project["sha256"]:
        part.unlink()
        raise Failure(f"{url} has SHA-256 {got}, but projects.json pins {project['sha256']}; the archive's file "
                      f"changed, so the instances built on it no longer hold")
    part.replace(dest)
    return dest


def unpack(tarball, dest):
    """Unpacks a source tarball into `dest` (which must not exist), without its single top-level folder."""
    dest = Path(dest)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        with tarfile.open(tarball) as tar:
            for member in tar.getmembers():
                name = member.name
                if name.startswith("/") or ".." in Path(name).parts:
                    raise Failure(f"{tarball} holds an unsafe path {name!r}")
                if not (member.isfile() or member.isdir() or member.issym()):
                    raise Failure(f"{tarball} holds {name!r}, neither a file, a folder nor a symbolic link")
                if member.issym() and (member.linkname.startswith("/")):
                    raise Failure(f"{tarball} holds a symbolic link out of the tree: {name!r}")
            kwargs = {"filter": "tar"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(tmp, **kwargs)
        entries = [e for e in Path(tmp).iterdir()]
        root = entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(tmp)
        # Mode bits as git sees them: executable or not, nothing else.
        for path in [root, *root.rglob("*")]:
            if os.geteuid() == 0:
                os.lchown(path, 0, 0)  # tarfile keeps the archive's owners when run as root; git distrusts them
            if path.is_symlink():
                continue
            if path.is_dir():
                path.chmod(0o755)
            else:
                path.chmod(0o755 if path.stat().st_mode & 0o100 else 0o644)
        if root == Path(tmp):
            dest.mkdir()
            for e in entries:
                e.rename(dest / e.name)
        else:
            root.rename(dest)


def ensure_pristine(project, cache, mirror):
    """The project's pristine repository (one commit of the upstream source); fails loudly on a different id."""
    repo = cache / "pristine" / project["name"]
    expected = project.get("commit")
    if expected and head_commit(repo) == expected and not git(repo, "status", "--porcelain", "--untracked-files=all"):
        return repo
    tarball = download_orig(project, cache, mirror)
    if repo.exists():
        shutil.rmtree(repo)
    repo.parent.mkdir(parents=True, exist_ok=True)
    unpack(tarball, repo)
    commit = commit_all(repo, commit_message(project))
    if expected and commit != expected:
        raise Failure(f"{project['name']}: the source gives commit {commit}, but projects.json expects {expected}; "
                      f"the tree differs from the one the instances were made on (a different tarball or git)")
    return repo


def apply_patch(workdir, patch, reverse=False):
    args = ["apply", "--whitespace=nowarn"] + (["-R"] if reverse else []) + ["-"]
    run = subprocess.run(["git", *GIT_CONFIG, *args], cwd=workdir, input=patch, capture_output=True, text=True,
                         env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
    if run.returncode != 0:
        raise Failure(f"the patch does not apply in {workdir}: {run.stderr.strip()}")


def ensure_instance(instance, project, cache, mirror):
    """The instance's repository: one commit (its `base`) holding the upstream source with the bug in place."""
    repo = cache / "instances" / instance["id"]
    if head_commit(repo) == instance["base"] and not git(repo, "status", "--porcelain", "--untracked-files=all"):
        return repo
    ensure_pristine(project, cache, mirror)
    tarball = download_orig(project, cache, mirror)
    if repo.exists():
        shutil.rmtree(repo)
    repo.parent.mkdir(parents=True, exist_ok=True)
    unpack(tarball, repo)
    apply_patch(repo, instance["gold_patch"], reverse=True)
    commit = commit_all(repo, commit_message(project))
    if commit != instance["base"]:
        raise Failure(f"instance {instance['id']}: made commit {commit}, the instance names {instance['base']}")
    return repo


def link_repos(cache):
    """benchmarks/repobench/repos -> <cache>/instances, so that the instances' relative `repo` paths resolve."""
    target = cache / "instances"
    target.mkdir(parents=True, exist_ok=True)
    if REPOS_LINK.is_symlink():
        if Path(os.readlink(REPOS_LINK)) == target:
            return
        REPOS_LINK.unlink()
    elif REPOS_LINK.exists():
        raise Failure(f"{REPOS_LINK} exists and is not a symbolic link; move it away and run again")
    REPOS_LINK.symlink_to(target)


# ---------------------------------------------------------------- running a suite


def docker_available():
    return shutil.which("docker") is not None


def run_suite(project, workdir, timeout, name_hint="repobench"):
    """Runs the project's test command in its sandbox image with `workdir` at /workspace.

    Returns (status, output, seconds): status "ok", "timeout" or "error" (the container could not run)."""
    name = f"{name_hint}-{os.getpid()}-{time.monotonic_ns()}"
    env_args = []
    if project["report"] == "pytest":
        # Per-test outcomes with pytest node ids; the test command itself stays as a user would type it.
        env_args = ["-e", "PYTEST_ADDOPTS=-rA --tb=no -o console_output_style=classic"]
    argv = ["docker", "run", "--rm", "--name", name, *SANDBOX_ARGS, *env_args,
            "-v", f"{workdir}:/workspace", project["image"],
            "timeout", "-s", "KILL", str(int(timeout)), "sh", "-c", project["test_command"]]
    started = time.monotonic()
    try:
        run = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=timeout + 60)
    except subprocess.TimeoutExpired:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)
        return "timeout", "", time.monotonic() - started, None
    seconds = time.monotonic() - started
    if run.returncode in (125, 126, 127) and "docker" in run.stderr.lower():
        return "error", run.stderr, seconds, run.returncode
    if run.returncode == 137:
        return "timeout", run.stdout + run.stderr, seconds, run.returncode
    return "ok", run.stdout + "\n" + run.stderr, seconds, run.returncode


PYTEST_LINE = re.compile(r"^(PASSED|FAILED|ERROR|XFAIL|XPASS) (.+)$")
TAP_LINE = re.compile(r"^(not ok|ok) \d+(?: -)?\s*(.*?)\s*(?:# (.*))?$")


def parse_outcomes(report, output):
    """{test id: "passed" | "failed" | "skipped"} from the runner's output; ids as the runner names them."""
    outcomes = {}
    if report == "pytest":
        in_summary = False
        for line in output.splitlines():
            if "short test summary info" in line:
                in_summary = True
                continue
            if not in_summary:
                continue
            m = PYTEST_LINE.match(line)
            if not m:
                continue
            kind, rest = m.groups()
            if kind == "PASSED" or kind == "XPASS":
                outcomes[rest] = "passed" if kind == "PASSED" else "failed"
            elif kind == "XFAIL":
                outcomes[rest.split(" - ")[0]] = "skipped"
            else:
                outcomes[rest] = "failed"  # resolved against known ids by failing_ids()
        return outcomes
    if report == "tap":
        seen = {}
        for line in output.splitlines():
            m = TAP_LINE.match(line)
            if not m:
                continue
            status, name, directive = m.groups()
            seen[name] = seen.get(name, 0) + 1
            if directive and re.match(r"(?i)(skip|todo)", directive):
                outcomes[name] = "skipped"
            else:
                outcomes[name] = "passed" if status == "ok" else "failed"
        for name, count in seen.items():
            if count > 1:
                outcomes[name] = "ambiguous"
        return outcomes
    raise Failure(f"unknown report kind {report!r} (pytest or tap)")


def resolve_failed(outcomes, known_ids):
    """Maps pytest's "FAILED id - message" keys onto known test ids; other keys stay as they are."""
    resolved = {}
    for key, status in outcomes.items():
        if status == "failed" and key not in known_ids:
            match = None
            for candidate in known_ids:
                if key.startswith(candidate + " - ") and (match is None or len(candidate) > len(match)):
                    match = candidate
            key = match or key.split(" - ")[0]
        if resolved.get(key) == "failed":
            continue
        resolved[key] = status
    return resolved


def suite_result(project, workdir, timeout, known_ids=()):
    """(passed: bool, outcomes dict, seconds, note) for one run of the suite."""
    result = run_suite(project, workdir, timeout)
    if result[0] == "error":
        raise Failure(f"docker could not run {project['image']}: {result[1].strip()[:300]}; run scripts/provision")
    if result[0] == "timeout":
        return False, {}, result[2], "timed out"
    _, output, seconds, exit_code = result
    outcomes = resolve_failed(parse_outcomes(project["report"], output), set(known_ids))
    failed = sorted(t for t, s in outcomes.items() if s == "failed")
    ran = [t for t, s in outcomes.items() if s == "passed"]
    if exit_code != 0 and not failed:
        tail = " | ".join(output.strip().splitlines()[-3:])
        return False, outcomes, seconds, f"exit status {exit_code} without a failing test: {tail[:300]}"
    passed = exit_code == 0 and not failed and bool(ran)
    note = "" if passed else (f"{len(failed)} failed" if failed else "no test ran")
    return passed, outcomes, seconds, note
