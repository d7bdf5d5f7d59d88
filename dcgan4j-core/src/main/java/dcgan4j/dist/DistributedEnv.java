package dcgan4j.dist;

import java.util.Map;
import java.util.Optional;

/**
 * Where this process sits in a data-parallel job, read from the environment the way torchrun and
 * Kubernetes' PyTorchJob hand it over, so that those launchers start dcgan4j unchanged.
 *
 * @param rank         this process, 0 … worldSize-1; rank 0 hosts the store and writes the outputs
 * @param worldSize    the number of processes training together
 * @param localRank    this process among those on the same machine
 * @param masterAddr   the host of the rendezvous store
 * @param masterPort   its TCP port
 * @param agentStore   torchrun's agent already serves the store: every rank, rank 0 included, connects
 *                     to it as a client ({@code TORCHELASTIC_USE_AGENT_STORE=True})
 * @param socketIfname the network interface Gloo must use ({@code GLOO_SOCKET_IFNAME}), or null
 */
public record DistributedEnv(
        int rank,
        int worldSize,
        int localRank,
        String masterAddr,
        int masterPort,
        boolean agentStore,
        String socketIfname) {
    public static final String RANK = "RANK";
    public static final String WORLD_SIZE = "WORLD_SIZE";
    public static final String LOCAL_RANK = "LOCAL_RANK";
    public static final String MASTER_ADDR = "MASTER_ADDR";
    public static final String MASTER_PORT = "MASTER_PORT";
    public static final String AGENT_STORE = "TORCHELASTIC_USE_AGENT_STORE";
    public static final String SOCKET_IFNAME = "GLOO_SOCKET_IFNAME";

    /** @throws IllegalArgumentException naming the variable that is out of range */
    public DistributedEnv {
        if (worldSize < 1) {
            throw new IllegalArgumentException(WORLD_SIZE + " must be at least 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException(RANK + " must be in 0.." + (worldSize - 1) + " for " + WORLD_SIZE + "="
                    + worldSize + ", got " + rank);
        }
        if (localRank < 0 || localRank > rank) {
            throw new IllegalArgumentException(
                    LOCAL_RANK + " must be in 0.." + rank + " for " + RANK + "=" + rank + ", got " + localRank);
        }
        if (masterAddr == null || masterAddr.isBlank()) {
            throw new IllegalArgumentException(MASTER_ADDR + " must name the host of rank 0");
        }
        if (masterPort < 1 || masterPort > 65_535) {
            throw new IllegalArgumentException(MASTER_PORT + " must be a TCP port (1..65535), got " + masterPort);
        }
        if (socketIfname != null && socketIfname.isBlank()) {
            socketIfname = null;
        }
    }

    /**
     * The job this process belongs to, or empty when {@code WORLD_SIZE} is unset or 1 (a plain
     * single-process run, as under {@code torchrun --nproc-per-node 1}).
     *
     * @throws IllegalArgumentException when a variable is missing, not a number or out of range
     */
    public static Optional<DistributedEnv> from(Map<String, String> env) {
        String world = env.get(WORLD_SIZE);
        if (world == null || world.isBlank() || number(env, WORLD_SIZE) == 1) {
            return Optional.empty();
        }
        int rank = number(env, RANK);
        return Optional.of(new DistributedEnv(
                rank,
                number(env, WORLD_SIZE),
                env.containsKey(LOCAL_RANK) ? number(env, LOCAL_RANK) : rank,
                required(env, MASTER_ADDR),
                number(env, MASTER_PORT),
                Boolean.parseBoolean(env.getOrDefault(AGENT_STORE, "false")),
                env.get(SOCKET_IFNAME)));
    }

    /** {@link #from} of this process's environment. */
    public static Optional<DistributedEnv> current() {
        return from(System.getenv());
    }

    public boolean isLeader() {
        return rank == 0;
    }

    /** Whether this rank serves the store itself (rank 0, unless torchrun's agent does). */
    public boolean hostsStore() {
        return isLeader() && !agentStore;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "environment variable " + name + " is not set (" + WORLD_SIZE + " is " + env.get(WORLD_SIZE) + ")");
        }
        return value.trim();
    }

    private static int number(Map<String, String> env, String name) {
        String value = required(env, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "environment variable " + name + " must be a whole number, got \"" + value + "\"");
        }
    }
}
