package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.internal.ContainerLabels;
import dev.agentloop.sandbox.internal.OwnerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile payloads in a real container with the default hardening. Each test asserts that the payload was
 * contained, that the next command of the same session works, and that the host is unharmed (a sentinel file
 * outside the workspace is intact). After the suite no container with this library's label is left.
 */
class HostileSuiteIT {

    private static final String SENTINEL_TEXT = "host sentinel " + UUID.randomUUID();
    private static final AtomicInteger CONTAINED = new AtomicInteger();
    private static final AtomicInteger RAN = new AtomicInteger();

    private static DockerClient docker;
    private static DockerSandbox sandbox;
    private static Path hostDir;
    private static Path sentinel;

    @TempDir
    Path workspace;

    private SandboxSession session;

    @BeforeAll
    static void startSandbox() throws Exception {
        docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
        sandbox = DockerSandbox.builder()
                .dockerClient(docker)
                .config(SandboxConfig.builder()
                        .image(Language.PYTHON, TestEnvironment.PYTHON_IMAGE)
                        .commandTimeout(Duration.ofSeconds(4))
                        .killGrace(Duration.ofSeconds(5))
                        .build())
                .build();
        hostDir = Files.createTempDirectory("agentloop-host");
        sentinel = hostDir.resolve("secret.txt");
        Files.writeString(sentinel, SENTINEL_TEXT);
    }

    @AfterAll
    static void noContainerLeft() throws Exception {
        if (sandbox == null) {
            return;
        }
        sandbox.close();
        System.out.printf("hostile suite: %d/%d payloads contained%n", CONTAINED.get(), RAN.get());
        // Only this JVM's: other processes on the same engine may be running sandboxes of their own meanwhile.
        assertThat(docker.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(Map.of(
                                ContainerLabels.LIBRARY,
                                "true",
                                OwnerIdentity.LABEL_PID,
                                Long.toString(ProcessHandle.current().pid())))
                        .exec())
                .as("sandbox containers of this JVM left after the hostile suite")
                .isEmpty();
        docker.close();
    }

    @BeforeEach
    void open() {
        RAN.incrementAndGet();
        session = sandbox.open(
                new SandboxSpec(UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null));
    }

    @AfterEach
    void nextRunAndHostUnharmed() throws Exception {
        ExecResult next = session.exec(ExecRequest.of("python3", "-c", "print(6*7)"));
        assertThat(next.succeeded()).as("the next command works: %s", next).isTrue();
        assertThat(next.stdout().trim()).isEqualTo("42");
        session.close();
        assertThat(Files.readString(sentinel)).isEqualTo(SENTINEL_TEXT);
        assertThat(new ProcessBuilder("true").start().waitFor()).isZero();
        CONTAINED.incrementAndGet();
    }

    private ExecResult python(String code) {
        session.writeFile("payload.py", code);
        return session.exec(ExecRequest.of("python3", "payload.py"));
    }

    @Test
    void forkBombIsStoppedByThePidsLimitAndKilledAtTheTimeLimit() {
        ExecResult r =
                python("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n");
        assertThat(r.status()).isEqualTo(ExecStatus.TIMED_OUT);
        ExecResult procs = session.exec(ExecRequest.shell("ls /proc | grep -c '^[0-9]'"));
        assertThat(Integer.parseInt(procs.stdout().trim()))
                .as("processes left in the container")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void memoryHogIsReportedAsOutOfMemory() {
        session.writeFile("payload.py", "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))\n");
        // Its own time limit: filling the memory limit can take longer than the suite's 4 s on a busy host, and a
        // timeout here would hide whether the out-of-memory kill is recognised.
        ExecResult r = session.exec(ExecRequest.of("python3", "payload.py").withTimeout(Duration.ofSeconds(60)));
        assertThat(r.status()).isEqualTo(ExecStatus.OUT_OF_MEMORY);
    }

    @Test
    void infiniteLoopTimesOutAndTheSessionStaysUsable() {
        ExecResult r =
                session.exec(ExecRequest.of("python3", "-c", "while True: pass").withTimeout(Duration.ofSeconds(1)));
        assertThat(r.status()).isEqualTo(ExecStatus.TIMED_OUT);
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void hundredMegabytesOfOutputAreCapped() {
        ExecResult r =
                python("import sys\nchunk = 'x' * 1_000_000\nfor _ in range(100):\n    sys.stdout.write(chunk)\n");
        assertThat(r.succeeded()).isTrue();
        long cap = SandboxConfig.DEFAULT_OUTPUT_CAP_BYTES;
        assertThat(r.stdoutDropped()).isEqualTo(100_000_000L - cap);
        assertThat(r.stdout()).hasSizeLessThan((int) cap + 200).contains("were cut by the sandbox's output cap");
    }

    @Test
    void networkEgressFails() {
        ExecResult r =
                python("import socket\ns = socket.create_connection(('1.1.1.1', 80), timeout=3)\nprint('connected')\n");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout()).doesNotContain("connected");
        ExecResult interfaces = session.exec(ExecRequest.of("cat", "/proc/net/dev"));
        assertThat(interfaces.stdout()).doesNotContain("eth0");
    }

    @Test
    void writesOutsideTheWorkspaceFail() {
        ExecResult r = session.exec(ExecRequest.shell(
                "for f in /x /etc/agentloop /usr/bin/agentloop /home/x; do touch $f 2>/dev/null && echo WROTE $f; done; "
                        + "echo ok > /workspace/inside.txt && echo inside"));
        assertThat(r.stdout()).doesNotContain("WROTE").contains("inside");
        assertThat(workspace.resolve("inside.txt")).exists();
    }

    @Test
    void hostFilesAndTheDockerSocketAreNotReachable() throws Exception {
        ExecResult r = session.exec(ExecRequest.shell(
                "cat /etc/shadow 2>&1; ls -la /var/run/docker.sock /run/docker.sock 2>&1; cat /proc/mounts; "
                        + "grep -r '" + SENTINEL_TEXT + "' / --include=secret.txt -s -l 2>/dev/null | head -3"));
        assertThat(r.stdout()).doesNotContain(SENTINEL_TEXT).doesNotContain("docker.sock ");
        assertThat(r.stdout()).contains("Permission denied").contains("No such file");
        if (Files.isReadable(Path.of("/etc/shadow"))) {
            String hostShadow = Files.readString(Path.of("/etc/shadow"));
            String rootLine = hostShadow
                    .lines()
                    .filter(l -> l.startsWith("root:"))
                    .findFirst()
                    .orElse("root:");
            assertThat(r.stdout()).doesNotContain(rootLine);
        }
        long binds = r.stdout().lines().filter(l -> l.contains(" /workspace ")).count();
        assertThat(binds).isEqualTo(1);
    }

    @Test
    void setuidEscalationFails() {
        ExecResult r = python("import os, subprocess\n"
                + "try:\n    os.setuid(0)\n    print('ROOT')\nexcept PermissionError:\n    print('denied')\n"
                + "for cmd in (['/bin/su', '-c', 'id -u', 'root'], ['/bin/mount', '-t', 'tmpfs', 'none', '/tmp']):\n"
                + "    p = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)\n"
                + "    print(cmd[0], p.returncode)\n"
                + "print('uid', os.getuid(), os.geteuid())\n");
        assertThat(r.stdout()).contains("denied").doesNotContain("ROOT").contains("uid 1000 1000");
        assertThat(r.stdout()).doesNotContain("/bin/su 0").doesNotContain("/bin/mount 0");
    }

    @Test
    void backgroundProcessesAreKilledWhenTheCommandEnds() {
        ExecResult r = session.exec(
                ExecRequest.shell("sleep 600 & setsid sleep 601 & nohup sleep 602 >/dev/null 2>&1 & echo started"));
        assertThat(r.stdout()).contains("started");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(3));
        ExecResult ps = session.exec(ExecRequest.shell("cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '"));
        assertThat(ps.stdout()).doesNotContain("sleep 60");
    }

    @Test
    void symlinkInTheWorkspaceDoesNotExposeHostFiles() throws Exception {
        Files.createSymbolicLink(workspace.resolve("link"), sentinel);
        Files.createSymbolicLink(workspace.resolve("dirlink"), hostDir);
        ExecResult r = session.exec(ExecRequest.shell("cat link dirlink/secret.txt 2>&1; ls dirlink 2>&1"));
        assertThat(r.stdout()).doesNotContain(SENTINEL_TEXT);
        ExecResult write = session.exec(ExecRequest.shell("echo overwritten > link 2>&1; echo done"));
        assertThat(write.stdout()).contains("done");
        assertThat(Files.readString(sentinel)).isEqualTo(SENTINEL_TEXT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.writeFile("link", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbolic link");
    }
}
