package cn.lianxin.member.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.member.config.PiiConfig;
import cn.lianxin.member.repository.PiiReEncryptionRepository;
import cn.lianxin.member.repository.PiiReEncryptionRepository.Sealed;
import cn.lianxin.platform.pii.PiiCipher;

/**
 * Moves every stored ID number to the newest PII key ({@code lianxin.pii.encrypt-with}; docs/operations.md,
 * "Rotating the PII keys"). Batches of {@code lianxin.pii.re-encryption.batch-size} rows, each in a transaction of its
 * own, keyset-paged by primary key: a batch locks only its rows and skips locked ones, so two instances, or an
 * instance and the users' writes, can run at the same time; a run stopped at any point is resumed by running again.
 * The blind index is not touched: its key is not part of the keyring.
 */
@ApplicationScoped
public class PiiReEncryptionService {

    private static final Logger LOG = Logger.getLogger(PiiReEncryptionService.class);
    /** The nil UUID: PostgreSQL orders uuids by their unsigned bytes, so it comes before every id. */
    private static final UUID FIRST = new UUID(0, 0);

    /** What a run did: rows moved, and the ciphertexts per key id afterwards ({@code remaining}: not yet under the newest). */
    public record Result(String encryptWith, long moved, long remaining, Map<String, Long> rowsByKey, long millis) {
    }

    private final PiiReEncryptionRepository rows;
    private final PiiCipher pii;
    private final int batchSize;

    public PiiReEncryptionService(PiiReEncryptionRepository rows, PiiCipher pii, PiiConfig config) {
        this.rows = rows;
        this.pii = pii;
        this.batchSize = config.reEncryption().batchSize();
    }

    /**
     * @param limit at most this many rows in this run ({@code null}: until none is left; 0: only count)
     * @param by who runs it, for the log
     */
    public Result run(Integer limit, String by) {
        long started = System.nanoTime();
        String prefix = pii.currentPrefix();
        long budget = limit == null ? Long.MAX_VALUE : limit;
        LOG.infof("PII re-encryption to key '%s' started by %s (limit %s)", pii.encryptWith(), by, limit == null ? "none" : limit);
        long moved = 0;
        UUID after = FIRST;
        while (moved < budget) {
            int size = (int) Math.min(batchSize, budget - moved);
            UUID from = after;
            List<Sealed> batch = QuarkusTransaction.requiringNew().call(() -> {
                List<Sealed> locked = rows.lockBatch(from, prefix, size);
                // Decrypting names the key of a value that cannot be read, never the value (PiiCipher); the batch
                // then rolls back, the run stops and the batches before it stay committed.
                rows.write(locked.stream().map(r -> new Sealed(r.memberId(), pii.reEncrypt(r.cipher()))).toList());
                return locked;
            });
            if (batch.isEmpty()) {
                break;
            }
            moved += batch.size();
            after = batch.get(batch.size() - 1).memberId();
            if (batch.size() < size) {
                break;
            }
            if (moved % (batchSize * 20L) == 0) {
                LOG.infof("PII re-encryption to key '%s': %,d rows moved so far", pii.encryptWith(), moved);
            }
        }
        Map<String, Long> byKey = QuarkusTransaction.requiringNew().call(rows::countByKey);
        long remaining = byKey.entrySet().stream().filter(e -> !e.getKey().equals(pii.encryptWith()))
                .mapToLong(Map.Entry::getValue).sum();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("PII re-encryption to key '%s' by %s: %,d rows moved in %,d ms, %,d not under it yet %s", pii.encryptWith(),
                by, moved, millis, remaining, byKey);
        return new Result(pii.encryptWith(), moved, remaining, byKey, millis);
    }
}
