package dev.agentloop.cli.env;

import dev.agentloop.cli.approval.Mode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Language;
import dev.agentloop.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the CLI's effective config into the library's config objects. */
final class AgentWiring {

    private AgentWiring() {}

    /** The loop's config: iteration limit, optional phases, manual mode's phase approvals, prompt overrides. */
    static AgentConfig agentConfig(CliConfig config, Path projectDir) {
        AgentConfig.Builder b = AgentConfig.builder()
                .maxIterations(config.integer(ConfigSchema.MAX_ITERATIONS))
                .enableReview(config.bool(ConfigSchema.ENABLE_REVIEW))
                .enableAudit(config.bool(ConfigSchema.ENABLE_AUDIT))
                .phaseApproval(Mode.fromId(config.get(ConfigSchema.MODE)) == Mode.MANUAL);
        Path prompts = projectDir.resolve("config/prompts");
        if (Files.isDirectory(prompts)) {
            b.promptFolder(prompts);
        }
        return b.build();
    }

    /** The sandbox's config: the images per language from {@code sandbox.images}. */
    static SandboxConfig sandboxConfig(CliConfig config) {
        SandboxConfig.Builder b = SandboxConfig.builder();
        config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX).forEach((language, image) -> {
            try {
                b.image(Language.fromId(language), image);
            } catch (IllegalArgumentException unknownLanguage) {
                // a key for a language this version does not know: the config check already warned about it
            }
        });
        return b.build();
    }

    /** Where task workspaces go: {@code cli.workspace}, relative to the project folder. */
    static Path workspaceRoot(CliConfig config, Path projectDir) {
        Path p = Path.of(config.get(ConfigSchema.WORKSPACE));
        return p.isAbsolute() ? p : projectDir.resolve(p);
    }
}
