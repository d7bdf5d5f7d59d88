package dcgan4j.conv;

/** No kernel computes a layer of the networks right on this machine: training or sampling would be wrong. */
public final class KernelFaultException extends IllegalStateException {
    private final transient LayerCheck check;

    public KernelFaultException(LayerCheck check) {
        super(check.failure());
        this.check = check;
    }

    public LayerCheck check() {
        return check;
    }
}
