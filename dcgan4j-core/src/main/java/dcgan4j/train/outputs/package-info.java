/**
 * What a rank records of a run besides the steps themselves: on the leader, metrics.csv, fixed-noise
 * grids, evaluations, checkpoints, charts and the listeners' events; on every other rank nothing.
 * It exists so that the training loop reads the same on every rank.
 *
 * <p>Its API, the classes used outside the package: LeaderOutputs, MetricsCsv, Position,
 * ProgressCharts, Quality, RankOutputs, TrainingListener.
 */
@PublicApi({
    LeaderOutputs.class,
    MetricsCsv.class,
    Position.class,
    ProgressCharts.class,
    Quality.class,
    RankOutputs.class,
    TrainingListener.class
})
package dcgan4j.train.outputs;

import dcgan4j.PublicApi;
