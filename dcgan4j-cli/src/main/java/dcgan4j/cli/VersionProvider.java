package dcgan4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, with the libtorch it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"dcgan4j " + (version == null ? "(development build)" : version), "libtorch 2.10.0 (CPU)"};
    }
}
