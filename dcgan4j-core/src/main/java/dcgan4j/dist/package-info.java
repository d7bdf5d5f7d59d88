/**
 * Data-parallel training over Gloo, the way torchrun and DistributedDataParallel do it: a process
 * finds its place in a job from the environment, joins the process group, and averages gradients,
 * broadcasts rank 0's weights and agrees on metrics with the other ranks. It implements the rank seam
 * of dcgan4j.train.parallel, so training code never knows whether it runs alone.
 *
 * <p>Its API, the classes used outside the package: Cluster, DataParallel, DistributedEnv,
 * DistributedException, GradientAverager, WorkerLauncher.
 */
@PublicApi({
    Cluster.class,
    DataParallel.class,
    DistributedEnv.class,
    DistributedException.class,
    GradientAverager.class,
    WorkerLauncher.class
})
package dcgan4j.dist;

import dcgan4j.PublicApi;
