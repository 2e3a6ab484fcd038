package dev.agentloop.sandbox;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.internal.ContainerExecutor;
import dev.agentloop.sandbox.internal.GuardedSession;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A JVM that opens a sandbox session, prints its container id and then waits to be killed: the orphan that
 * {@link ReaperIT} makes with {@code kill -9}. Arguments: the workspace folder, the image, and whether to register
 * the shutdown hook ({@code hook} or {@code no-hook}).
 */
public final class SandboxHolderMain {

    private SandboxHolderMain() {}

    public static void main(String[] args) throws Exception {
        DockerSandbox sandbox = DockerSandbox.builder()
                .config(SandboxConfig.builder().image(Language.PYTHON, args[1]).build())
                .removeContainersOnShutdown(args[2].equals("hook"))
                .build();
        SandboxSession session = sandbox.open(
                new SandboxSpec(UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, Path.of(args[0]), null, null));
        session.exec(ExecRequest.of("true"));
        ContainerExecutor executor = (ContainerExecutor) ((GuardedSession) session).executor();
        System.out.println("CONTAINER " + executor.containerId().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
