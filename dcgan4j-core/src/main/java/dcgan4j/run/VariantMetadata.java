package dcgan4j.run;

import dcgan4j.model.BatchNormLayers;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.ModelVariant;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ModelVariant} as safetensors metadata beside the sizes, so that weights and checkpoints
 * rebuild the same network and draw the same noise. Files written before variants existed have none
 * of these keys and read as the paper's networks.
 */
final class VariantMetadata {
    private static final String PREFIX = "dcgan4j.";
    private static final String GENERATOR = PREFIX + "generator";
    private static final String OUTPUT = PREFIX + "output";
    private static final String G_DROPOUT = PREFIX + "g_dropout";
    private static final String D_DROPOUT = PREFIX + "d_dropout";
    private static final String G_BATCH_NORM = PREFIX + "g_batch_norm";
    private static final String D_BATCH_NORM = PREFIX + "d_batch_norm";
    private static final String NOISE = PREFIX + "noise";
    private static final String CLASSES = PREFIX + "classes";

    private VariantMetadata() {}

    static void put(ModelVariant v, Map<String, String> metadata) {
        metadata.put(GENERATOR, name(v.generator()));
        metadata.put(OUTPUT, name(v.output()));
        metadata.put(G_DROPOUT, Double.toString(v.generatorDropout()));
        metadata.put(D_DROPOUT, Double.toString(v.discriminatorDropout()));
        metadata.put(G_BATCH_NORM, v.generatorBatchNorm().spec());
        metadata.put(D_BATCH_NORM, v.discriminatorBatchNorm().spec());
        metadata.put(NOISE, name(v.noise()));
        metadata.put(CLASSES, Integer.toString(v.classes()));
    }

    /** @throws IllegalArgumentException (or a parse exception) when a value is damaged */
    static ModelVariant read(Map<String, String> metadata) {
        ModelVariant paper = ModelVariant.PAPER;
        return new ModelVariant(
                GeneratorKind.valueOf(upper(metadata.getOrDefault(GENERATOR, name(paper.generator())))),
                OutputActivation.valueOf(upper(metadata.getOrDefault(OUTPUT, name(paper.output())))),
                Double.parseDouble(metadata.getOrDefault(G_DROPOUT, "0")),
                Double.parseDouble(metadata.getOrDefault(D_DROPOUT, "0")),
                new BatchNormLayers(metadata.getOrDefault(
                        G_BATCH_NORM, paper.generatorBatchNorm().spec())),
                new BatchNormLayers(metadata.getOrDefault(
                        D_BATCH_NORM, paper.discriminatorBatchNorm().spec())),
                NoiseDistribution.valueOf(upper(metadata.getOrDefault(NOISE, name(paper.noise())))),
                Integer.parseInt(metadata.getOrDefault(CLASSES, "0")));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
