package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dcgan doctor}: what a bug report needs, every layer of the networks measured. */
class DoctorCommandTest {
    @Test
    void printsTheMachineAndEveryLayerWithTheKernelItUses() {
        MainTest.Result r = dcgan("doctor", "--image-size", "28", "--channels", "1");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("cpu:").contains("family", "model");
        assertThat(lines.get(1)).startsWith("libtorch:  2.10.0");
        assertThat(lines.get(2))
                .matches("oneDNN:    \\d+\\.\\d+\\.\\d+, ISA .+")
                .doesNotContain("unknown");
        // G and D of 28x28x1: 4 convolutions each, in fp32 and bf16
        List<String> rows = lines.stream()
                .filter(l -> l.startsWith("G 28x1") || l.startsWith("D 28x1"))
                .toList();
        assertThat(rows).hasSize(16);
        assertThat(rows).allSatisfy(row -> assertThat(row).matches(".* (matmul|libtorch|im2col)$"));
        // the full contractions are matrix products whatever the CPU; the other layers have no matmul figure
        assertThat(rows)
                .filteredOn(row -> row.contains("main.0 ") && row.startsWith("G"))
                .allSatisfy(row -> assertThat(row)
                        .contains("conv_transpose2d 100->256 1x1->4x4")
                        .endsWith("matmul"));
        assertThat(rows)
                .filteredOn(row -> row.contains("main.8 "))
                .allSatisfy(row -> assertThat(row).endsWith("matmul"));
        assertThat(rows)
                .filteredOn(row -> row.contains("main.3 "))
                .allSatisfy(row -> assertThat(row).contains(" - "));
        assertThat(r.out()).contains("tolerance: fp32 1e-04, bf16 3e-02");
    }
}
