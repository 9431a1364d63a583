package io.sparkrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Fills a queue fast, and drains one with nothing but receive + delete (the ceiling). */
final class SqsLoad {

  private SqsLoad() {}

  static void preload(SqsClient sqs, String queueUrl, int count, int threads) throws Exception {
    AtomicInteger next = new AtomicInteger();
    runOnThreads(
        threads,
        () -> {
          int start;
          while ((start = next.getAndAdd(10)) < count) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = start; i < Math.min(start + 10, count); i++) {
              entries.add(
                  SendMessageBatchRequestEntry.builder()
                      .id(Integer.toString(i - start))
                      .messageBody(
                          "{\"job\":\"taxi-trip\",\"input\":\"s3://bucket/taxi-trip/input/\",\"n\":"
                              + i
                              + "}")
                      .build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
          }
        });
  }

  /**
   * Receives 10 at a time and deletes each batch, on {@code threads} threads, until {@code count}
   * are gone.
   */
  static void drain(SqsClient sqs, String queueUrl, int count, int threads) throws Exception {
    AtomicInteger deleted = new AtomicInteger();
    runOnThreads(
        threads,
        () -> {
          while (deleted.get() < count) {
            List<Message> messages =
                sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (messages.isEmpty()) {
              continue;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
              entries.add(
                  DeleteMessageBatchRequestEntry.builder()
                      .id(Integer.toString(i))
                      .receiptHandle(messages.get(i).receiptHandle())
                      .build());
            }
            deleted.addAndGet(
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
                    .successful()
                    .size());
          }
        });
  }

  private static void runOnThreads(int threads, Runnable work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(work));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
