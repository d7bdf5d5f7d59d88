package dcgan4j.bench;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.train.step.Optimizers;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The baseline: pytorch/examples dcgan's iteration transcribed line by line onto the same libtorch
 * models, with none of {@link dcgan4j.train.step.GanStep}'s care (D's gradients are computed and thrown
 * away in G's step). The benchmark times both in the same process so machine noise cancels out.
 */
final class PlainLoop implements AutoCloseable {
    private final Generator netG;
    private final Discriminator netD;
    private final Adam optimizerG;
    private final Adam optimizerD;

    PlainLoop(ModelConfig model) {
        netG = new Generator(model);
        netD = new Discriminator(model);
        optimizerG = Optimizers.adam(netG.parameters(), 2e-4, 0.5, 0.999);
        optimizerD = Optimizers.adam(netD.parameters(), 2e-4, 0.5, 0.999);
    }

    void step(Tensor real) {
        try (var scope = new PointerScope()) {
            optimizerD.zero_grad();
            Tensor output = netD.forward(real).view(-1);
            Tensor errDReal = torch.binary_cross_entropy_with_logits(output, torch.ones_like(output));
            errDReal.backward();
            Tensor noise = torch.randn(real.size(0), netG.config().nz(), 1, 1);
            Tensor fake = netG.forward(noise);
            output = netD.forward(fake.detach()).view(-1);
            Tensor errDFake = torch.binary_cross_entropy_with_logits(output, torch.zeros_like(output));
            errDFake.backward();
            optimizerD.step();
            optimizerG.zero_grad();
            output = netD.forward(fake).view(-1);
            Tensor errG = torch.binary_cross_entropy_with_logits(output, torch.ones_like(output));
            errG.backward();
            optimizerG.step();
            errG.item_float();
        }
    }

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        netG.close();
        netD.close();
    }
}
