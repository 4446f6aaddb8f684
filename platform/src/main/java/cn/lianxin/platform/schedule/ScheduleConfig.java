package cn.lianxin.platform.schedule;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How this instance signs the scheduled runs it claims ({@link OncePerCluster}). */
@ConfigMapping(prefix = "lianxin.schedule")
public interface ScheduleConfig {

    /**
     * The name written to {@code scheduled_run.instance} (environment variable {@code LIANXIN_SCHEDULE_INSTANCE}); by
     * default the host name (a pod's name in Kubernetes) and the process id, which tell two replicas apart.
     */
    Optional<String> instance();
}
