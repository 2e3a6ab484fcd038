package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.ModelPrice;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The global budget: worst cases reserved before a call, usage settled after, refusals that stop only their run. */
class BatchBudgetTest {

    @Test
    void aStartIsRefusedWhenItsWorstFirstCallDoesNotFitWhatIsLeft() {
        BatchBudget budget = new BatchBudget(Optional.of(1.0), Optional.empty(), 0.9, 0);
        assertThat(budget.refuseStart(100, 0.05)).isEmpty();
        assertThat(budget.refuseStart(100, 0.2)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(StopReason.COST_BUDGET);
            assertThat(r.detail())
                    .isEqualTo("the batch's cost cap: 0.9000 of 1.0000 spent; a task's first"
                            + " call could cost up to 0.2000");
        });
        BatchBudget tokens = new BatchBudget(Optional.empty(), Optional.of(1_000L), 0, 900);
        assertThat(tokens.refuseStart(101, 0))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(StopReason.TOKEN_BUDGET));
    }

    @Test
    void reservationsOfRunningCallsCountUntilTheySettle() {
        BatchBudget budget = new BatchBudget(Optional.of(1.0), Optional.empty(), 0, 0);
        BatchBudget.Reservation a = budget.reserve(10, 0.6);
        assertThat(budget.refuseStart(10, 0.5)).isPresent();
        budget.settle(a, 10, 0.1);
        budget.settle(a, 10, 0.1); // settling twice changes nothing
        assertThat(budget.spent()).isEqualTo(0.1);
        assertThat(budget.tokens()).isEqualTo(10);
        assertThat(budget.refuseStart(10, 0.5)).isEmpty();
    }

    @Test
    void aCallThatFitsOnlyOnceAnotherSettlesWaitsForIt() throws Exception {
        BatchBudget budget = new BatchBudget(Optional.of(1.0), Optional.empty(), 0, 0);
        BatchBudget.Reservation first = budget.reserve(10, 0.7);
        CountDownLatch reserved = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            budget.reserve(10, 0.5);
            reserved.countDown();
        });
        second.start();
        while (second.getState() != Thread.State.WAITING && second.isAlive()) {
            Thread.onSpinWait(); // until the second call waits on the budget
        }
        assertThat(reserved.getCount()).isEqualTo(1);
        budget.settle(first, 10, 0.3);
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        second.join();
    }

    @Test
    void aCallThatCannotFitIsRefusedStopsItsRunAndIsNotMade() {
        BatchBudget budget = new BatchBudget(Optional.of(0.01), Optional.empty(), 0, 0);
        AgentConfig config = AgentConfig.builder()
                .maxOutputTokens(1_000)
                .price("m", ModelPrice.of(0.01, 0.02))
                .build();
        AtomicInteger calls = new AtomicInteger();
        List<BatchBudget.Refusal> refusals = new ArrayList<>();
        ChatModel model = new BudgetedChatModel(
                new CountingModel(calls), config, budget, new ApproxTokenCountEstimator(), refusals::add);
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("x".repeat(4_000)))
                .maxOutputTokens(1_000)
                .build();
        assertThatThrownBy(() -> model.chat(request)).isInstanceOf(BatchBudget.RefusedException.class);
        assertThat(calls).hasValue(0);
        assertThat(refusals)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(StopReason.COST_BUDGET));
        assertThat(budget.spent()).isZero();
    }

    @Test
    void aCallThatFitsIsCountedWithTheUsageItReports() {
        BatchBudget budget = new BatchBudget(Optional.of(1.0), Optional.empty(), 0, 0);
        AgentConfig config = AgentConfig.builder()
                .maxOutputTokens(100)
                .price("m", ModelPrice.of(1.0, 2.0))
                .build();
        AtomicInteger calls = new AtomicInteger();
        ChatModel model = new BudgetedChatModel(
                new CountingModel(calls), config, budget, new ApproxTokenCountEstimator(), r -> {});
        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("hello"))
                .maxOutputTokens(100)
                .build());
        assertThat(calls).hasValue(1);
        // 120 in and 30 out as reported, priced 1.0 and 2.0 per 1,000
        assertThat(budget.spent()).isCloseTo(0.18, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(budget.tokens()).isEqualTo(150);
    }

    /** A model named "m" that reports 120 tokens in and 30 out. */
    private record CountingModel(AtomicInteger calls) implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("{}"))
                    .tokenUsage(new TokenUsage(120, 30))
                    .modelName("m")
                    .build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("m").build();
        }
    }
}
