package dcgan4j.dist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.gloo.Device;

/**
 * How the ranks find each other: c10d's TCPStore at MASTER_ADDR:MASTER_PORT (served by rank 0, or
 * by torchrun's agent), then a Gloo group over it, the way {@code init_process_group("gloo")} does.
 *
 * <p>The bindings construct {@code TCPStore} and {@code PrefixStore} with a plain {@code new}: handing
 * such an object to an API that takes an {@code intrusive_ptr<Store>} twice aborts the process. So the
 * raw store stays referenced by the {@link Cluster} for its whole life, and only {@code clone()}s are
 * passed on.
 */
final class Rendezvous {
    private static volatile boolean quiet;

    private Rendezvous() {}

    /**
     * The store, connected (or listening, on the rank that hosts it) within {@code timeout}. A client
     * first waits for the port to accept connections (rank 0 may start later), so that the whole wait
     * is bounded by {@code timeout}: c10d's own client retries once more after its timeout.
     */
    static TCPStore connect(DistributedEnv env, Duration timeout) {
        silenceNativeLog();
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!env.hostsStore()) {
            awaitListening(env, deadline, timeout);
        }
        TCPStoreOptions options = new TCPStoreOptions();
        options.port((short) env.masterPort()); // a uint16_t: ports above 32767 wrap to the same bits
        options.isServer(env.hostsStore());
        options.numWorkers(new SizeTPointer(1).put(env.worldSize()));
        options.waitWorkers(false); // the group's own handshake waits for everyone
        options.multiTenant(env.hostsStore());
        options.timeout(new Milliseconds(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        try {
            return new TCPStore(env.masterAddr(), options);
        } catch (RuntimeException e) {
            throw env.hostsStore()
                    ? new DistributedException(
                            "cannot serve the rendezvous store on port " + env.masterPort() + ": "
                                    + DistributedException.firstLine(e),
                            e)
                    : unreachable(env, timeout, e);
        }
    }

    private static void awaitListening(DistributedEnv env, long deadline, Duration timeout) {
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(env.masterAddr(), env.masterPort()), (int) Math.max(1, left));
                return;
            } catch (IOException e) {
                if (left <= 0) {
                    throw unreachable(env, timeout, e);
                }
                try {
                    Thread.sleep(Math.min(left, 200));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unreachable(env, timeout, interrupted);
                }
            }
        }
    }

    private static DistributedException unreachable(DistributedEnv env, Duration timeout, Exception cause) {
        return new DistributedException(
                "cannot reach the rendezvous store at " + env.masterAddr() + ":"
                        + env.masterPort() + " within " + timeout.toSeconds() + " s (is rank 0 running, and are "
                        + DistributedEnv.MASTER_ADDR + " and " + DistributedEnv.MASTER_PORT + " right?)",
                cause);
    }

    /** The Gloo group of all ranks over {@code store}; collectives time out after {@code timeout}. */
    static ProcessGroupGloo group(TCPStore store, DistributedEnv env, Duration timeout) {
        Store base = store.clone();
        if (env.agentStore()) { // torchrun's agent store is shared by restarts: scope keys by attempt
            base = new PrefixStore(
                            "/worker/attempt_" + System.getenv().getOrDefault("TORCHELASTIC_RESTART_COUNT", "0"), base)
                    .clone();
        }
        var options = ProcessGroupGloo.Options.create(new Milliseconds(timeout.toMillis()));
        options.devices().push_back(device(env));
        try {
            return new ProcessGroupGloo(
                    new PrefixStore("dcgan4j/", base).clone(), env.rank(), env.worldSize(), options);
        } catch (RuntimeException e) {
            throw new DistributedException(
                    "the " + env.worldSize() + " processes did not all join within " + timeout.toSeconds() + " s: "
                            + DistributedException.firstLine(e),
                    e);
        }
    }

    /**
     * The interface Gloo talks over: {@code GLOO_SOCKET_IFNAME} when set; loopback when the store is on
     * loopback (a one-machine job); else the address this host's name resolves to. That last one is
     * refused when it is a loopback address, since the other hosts could never reach it: the job would
     * hang until its timeout instead of failing.
     */
    private static Device device(DistributedEnv env) {
        if (env.socketIfname() != null) {
            return ProcessGroupGloo.createDeviceForInterface(env.socketIfname());
        }
        if (isLoopback(env.masterAddr())) {
            return ProcessGroupGloo.createDeviceForHostname(env.masterAddr());
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            if (self.isLoopbackAddress()) {
                throw new DistributedException("this host's name " + self.getHostName() + " resolves to the loopback "
                        + "address " + self.getHostAddress() + ", which the other hosts cannot reach; set "
                        + DistributedEnv.SOCKET_IFNAME + " to the network interface to use (e.g. eth0)");
            }
            return ProcessGroupGloo.createDeviceForHostname(self.getHostAddress());
        } catch (UnknownHostException e) {
            throw new DistributedException(
                    "this host's name does not resolve; set " + DistributedEnv.SOCKET_IFNAME
                            + " to the network interface to use (e.g. eth0)",
                    e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new DistributedException("cannot resolve " + DistributedEnv.MASTER_ADDR + " " + host, e);
        }
    }

    /**
     * c10d logs each failed connection attempt and timeout with a native stack trace before it throws;
     * every such failure reaches the caller as an exception with the same text, which becomes one
     * line there. Only fatal native messages are kept.
     */
    private static void silenceNativeLog() {
        if (!quiet) {
            // c10's own flag (its argv parser), not an option of dcgan4j: 3 = fatal messages only
            torch.ParseCommandLineFlags(new int[] {2}, new PointerPointer<>("dcgan4j", "--caffe2_log_level=3"));
            torch.UpdateLoggingLevelsFromFlags();
            quiet = true;
        }
    }
}
