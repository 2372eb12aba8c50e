package fr.maillage.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Requests sent at once, one thread each, released together (rate limits, races). */
public final class Parallel {
    private Parallel() {
    }

    /** {@code n} requests built by {@code request(i)}, sent by {@code send} from {@code n} threads at once; answers in order. */
    public static List<Response> requests(int n, IntFunction<RequestSpecification> request,
            Function<RequestSpecification, Response> send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<RequestSpecification> prepared = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                prepared.add(request.apply(i));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (RequestSpecification spec : prepared) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return send.apply(spec);
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
