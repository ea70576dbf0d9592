package app.chat.schema;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Counts each transaction that does database work once, from the first call of a {@link
 * DatabaseWork} bean until it completes: a JTA transaction keeps its connection until then, and
 * calls between such beans inside one transaction share it.
 */
@DatabaseWork
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class DatabaseWorkCounter {

    /** Marks a transaction as counted already. */
    private static final Object COUNTED = DatabaseWorkCounter.class;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    DatabaseConnections connections;

    @AroundInvoke
    Object count(InvocationContext call) throws Exception {
        if (transactions.getTransactionKey() != null && transactions.getResource(COUNTED) == null) {
            transactions.putResource(COUNTED, true);
            connections.taken();
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    connections.returned();
                }
            });
        }
        return call.proceed();
    }
}
