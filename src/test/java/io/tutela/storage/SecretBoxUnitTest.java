package io.tutela.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secret box opens what it sealed, for the same context and key only, whole, from any
 * number of threads at once, in the same form as a cipher made afresh for each secret.
 */
class SecretBoxUnitTest {

	static final byte[] KEY = key(1);

	static byte[] key(int seed) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) seed);
		key[0] = 42;
		return key;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void opensWhatItSealedForTheSameContextOnly() {
		SecretBox box = new SecretBox(KEY);
		String sealed = box.seal(bytes("+393471230001"), "conecto");
		assertThat(box.open(sealed, "conecto")).isEqualTo(bytes("+393471230001"));
		assertThatThrownBy(() -> box.open(sealed, "another-controller")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "conecto"))
			.isInstanceOf(IllegalStateException.class);
		assertThat(new SecretBox(KEY).open(sealed, "conecto")).as("another box with the same key")
			.isEqualTo(bytes("+393471230001"));
	}

	@Test
	void eachSealHasANonceOfItsOwn() {
		SecretBox box = new SecretBox(KEY);
		String one = box.seal(bytes("same"), "c");
		String two = box.seal(bytes("same"), "c");
		assertThat(one).isNotEqualTo(two);
		assertThat(Arrays.copyOf(Base64.getDecoder().decode(one), 12))
			.isNotEqualTo(Arrays.copyOf(Base64.getDecoder().decode(two), 12));
		assertThat(box.open(one, "c")).isEqualTo(bytes("same"));
		assertThat(box.open(two, "c")).isEqualTo(bytes("same"));
	}

	@Test
	void anAlteredOrCutBoxDoesNotOpenAndTheBoxGoesOnWorking() {
		SecretBox box = new SecretBox(KEY);
		String sealed = box.seal(bytes("fibra-0042@conecto"), "c");
		byte[] raw = Base64.getDecoder().decode(sealed);
		for (int i = 0; i < raw.length; i++) {
			byte[] altered = raw.clone();
			altered[i] ^= 1;
			String text = Base64.getEncoder().encodeToString(altered);
			assertThatThrownBy(() -> box.open(text, "c")).as("byte %d altered", i)
				.isInstanceOf(IllegalStateException.class);
		}
		String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1));
		assertThatThrownBy(() -> box.open(cut, "c")).isInstanceOf(IllegalStateException.class);
		String tooShort = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 8));
		assertThatThrownBy(() -> box.open(tooShort, "c")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> box.open("not base64!", "c")).isInstanceOf(IllegalStateException.class);
		assertThat(box.open(sealed, "c")).isEqualTo(bytes("fibra-0042@conecto"));
		assertThat(box.open(box.seal(bytes(""), "c"), "c")).isEmpty();
	}

	@Test
	void readsAndWritesTheFormOfACipherMadeAfreshForEachSecret() throws Exception {
		SecretBox box = new SecretBox(KEY);
		byte[] nonce = new byte[12];
		Arrays.fill(nonce, (byte) 7);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(bytes("c"));
		byte[] body = cipher.doFinal(bytes("198.51.100.7"));
		String fresh = Base64.getEncoder()
			.encodeToString(ByteBuffer.allocate(12 + body.length).put(nonce).put(body).array());
		assertThat(box.open(fresh, "c")).isEqualTo(bytes("198.51.100.7"));

		byte[] sealed = Base64.getDecoder().decode(box.seal(bytes("198.51.100.7"), "c"));
		Cipher opening = Cipher.getInstance("AES/GCM/NoPadding");
		opening.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
		opening.updateAAD(bytes("c"));
		assertThat(opening.doFinal(sealed, 12, sealed.length - 12)).isEqualTo(bytes("198.51.100.7"));
	}

	@Test
	void sealsAndOpensFromManyThreadsAtOnce() throws Exception {
		SecretBox box = new SecretBox(KEY);
		SecretBox other = new SecretBox(key(3));
		String shared = box.seal(bytes("shared"), "c");
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit((Callable<Integer>) () -> {
					start.await();
					int opened = 0;
					for (int i = 0; i < 2_000; i++) {
						String plain = "+39347" + thread + "-" + i;
						String context = "controller-" + (i % 3);
						String sealed = box.seal(bytes(plain), context);
						assertThat(box.open(sealed, context)).isEqualTo(bytes(plain));
						assertThat(box.open(shared, "c")).isEqualTo(bytes("shared"));
						assertThat(other.open(other.seal(bytes(plain), context), context)).isEqualTo(bytes(plain));
						if (i % 100 == 0) {
							assertThatThrownBy(() -> other.open(sealed, context))
								.isInstanceOf(IllegalStateException.class);
						}
						opened++;
					}
					return opened;
				}));
			}
			start.countDown();
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(2_000);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
