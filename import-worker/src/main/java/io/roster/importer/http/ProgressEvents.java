package io.roster.importer.http;

import io.roster.importer.job.ImportJob;
import io.roster.importer.job.JobRepository;
import java.io.IOException;
import io.roster.importer.ImportClock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code .../imports/{id}/events}: the job as a {@code progress} event twice a second while it changes, then a
 * last {@code completed} (or {@code failed}) event, and the stream ends. One shared timer thread polls the jobs
 * followed, so a follower costs one query per tick, not a thread.
 */
@Component("importerProgressEvents")
class ProgressEvents implements DisposableBean {

    static final long TICK_MILLIS = 500;

    private final JobRepository jobs;
    private final ImportClock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressEvents(JobRepository jobs, ImportClock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    SseEmitter follow(ImportJob job) throws IOException {
        SseEmitter emitter = new SseEmitter(0L);
        AtomicReference<JobView> last = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        // A task that throws is not run again: the way a tick ends its own schedule, whenever it was set.
        Runnable tick = () -> {
            if (stopped.get()) {
                throw new StopFollowing();
            }
            try {
                ImportJob now = jobs.find(job.id()).orElseThrow();
                JobView view = JobView.of(now, clock.instant());
                if (now.phase().isFinal()) {
                    emitter.send(SseEmitter.event().name(now.phase().name().toLowerCase(java.util.Locale.ROOT))
                            .data(view));
                    emitter.complete();
                    stopped.set(true);
                } else if (!view.equals(last.get())) {
                    emitter.send(SseEmitter.event().name("progress").data(view));
                    last.set(view);
                }
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
                stopped.set(true);
            }
        };
        emitter.onCompletion(() -> stopped.set(true));
        emitter.onTimeout(() -> stopped.set(true));
        emitter.onError(e -> stopped.set(true));
        timer.scheduleWithFixedDelay(tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return emitter;
    }

    private static final class StopFollowing extends RuntimeException {
        StopFollowing() {
            super(null, null, false, false);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
