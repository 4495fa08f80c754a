package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical bytes of a handover document's signed part, digested and signed, and the
 * document stored with them: keys sorted at every level however the maps were built, no
 * white space, and the integrity object after the signed part.
 */
class HandoverDocumentUnitTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** What an authority does to check a document: sort every object, then write it. */
	@SuppressWarnings("unchecked")
	static Object sortedCopy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> sorted.put((String) k, sortedCopy(v)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(HandoverDocumentUnitTest::sortedCopy).toList();
		}
		return value;
	}

	static Map<String, Object> unsorted(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = keysAndValues.length - 2; i >= 0; i -= 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static Map<String, Object> signed() {
		Map<String, Object> usage = new HashMap<>();
		usage.put("partyInformation", List.of(unsorted("partyRole", "originating-Party", "partyNumber", "+39347"),
				unsorted("partyRole", "terminating-Party", "partyNumber", "+3906")));
		usage.put("communicationTime", unsorted("startTime", "2026-03-29T01:00:00Z", "duration", 60));
		usage.put("callStatus", "answered");
		usage.put("octetsDownloaded", 25_000_000_000L);
		// not in the documents today: written as the mapper writes them
		usage.put("unsetValue", null);
		usage.put("unusedRatio", 1.5);
		usage.put("unusedMoment", java.time.Instant.parse("2026-03-29T01:00:00Z"));
		usage.put("location", unsorted("cellID", "222-01-1234-5678"));
		Map<String, Object> header = unsorted("requestID",
				unsorted("countryCode", "IT", "requestNumber", "RG 1/2026 – «urgente» \"ß\" \u00e9\u20ac\ud83d\udcde"),
				"cSPID", "conecto", "answerSequence", 1, "Zeta", true, "alpha", false, "_", "", "É", "non-ASCII key");
		return unsorted("retainedDataPayload",
				List.of(unsorted("telephonyRecord", unsorted("telephonyServiceUsage", usage))), "retainedDataHeader",
				header);
	}

	@Test
	void theCanonicalBytesSortEveryObjectWhateverMapsItWasBuiltFrom() {
		Map<String, Object> signed = signed();
		byte[] canonical = HandoverAnswers.canonical(signed);
		assertThat(canonical).isEqualTo(JSON.writeValueAsBytes(sortedCopy(signed)));
		assertThat(HandoverAnswers.canonical(sortedCopy(signed))).isEqualTo(canonical);
		String text = new String(canonical, StandardCharsets.UTF_8);
		assertThat(text).startsWith("{\"retainedDataHeader\":{\"Zeta\":true,\"_\":\"\",\"alpha\":false,")
			.contains("\"answerSequence\":1,\"cSPID\":\"conecto\",")
			.contains("{\"callStatus\":\"answered\",\"communicationTime\":{\"duration\":60,")
			.contains("\"octetsDownloaded\":25000000000,")
			.contains("\"requestID\":{\"countryCode\":\"IT\",\"requestNumber\":\"RG 1/2026 – «urgente» \\\"ß\\\"")
			.doesNotContain(" :")
			.doesNotContain("\n")
			.contains("\"É\":\"non-ASCII key\"},\"retainedDataPayload\":[{\"telephonyRecord\":")
			.endsWith("}}}]}");
	}

	@Test
	void theStoredDocumentIsTheSignedPartWithItsIntegrityAfterIt() {
		Map<String, Object> signed = signed();
		byte[] canonical = HandoverAnswers.canonical(signed);
		Map<String, Object> integrity = new TreeMap<>(Map.of("digestAlgorithm", "SHA-256", "digest", "ZGlnZXN0",
				"signatureAlgorithm", "Ed25519", "signature", "c2ln", "publicKey", "/api/v1/justice/c/signing-key"));
		byte[] stored = HandoverAnswers.withIntegrity(canonical, integrity);

		assertThat(Arrays.copyOf(stored, canonical.length - 1))
			.isEqualTo(Arrays.copyOf(canonical, canonical.length - 1));
		assertThat(new String(Arrays.copyOfRange(stored, canonical.length - 1, stored.length), StandardCharsets.UTF_8))
			.isEqualTo(",\"integrity\":{\"digest\":\"ZGlnZXN0\",\"digestAlgorithm\":\"SHA-256\","
					+ "\"publicKey\":\"/api/v1/justice/c/signing-key\",\"signature\":\"c2ln\","
					+ "\"signatureAlgorithm\":\"Ed25519\"}}");

		// read back as the stored copy is read: the signed part, then the integrity
		Map<String, Object> read = JSON.readValue(stored, new TypeReference<LinkedHashMap<String, Object>>() {
		});
		assertThat(read).containsOnlyKeys("retainedDataHeader", "retainedDataPayload", "integrity");
		assertThat(List.copyOf(read.keySet())).containsExactly("retainedDataHeader", "retainedDataPayload",
				"integrity");
		assertThat(read.get("integrity")).isEqualTo(integrity);
		Map<String, Object> expected = new HashMap<>(
				JSON.readValue(JSON.writeValueAsBytes(signed), new TypeReference<LinkedHashMap<String, Object>>() {
				}));
		expected.put("integrity", integrity);
		assertThat(read).isEqualTo(expected);
		Map<String, Object> signedPart = new HashMap<>(read);
		signedPart.remove("integrity");
		assertThat(HandoverAnswers.canonical(signedPart)).as("what an authority digests from the stored copy")
			.isEqualTo(canonical);
	}

	@Test
	void theStoredCopyIsGzippedAndOpensAsTheSameBytesAndACopyStoredPlainStillOpens() throws Exception {
		Map<String, Object> signed = signed();
		byte[] document = HandoverAnswers.withIntegrity(HandoverAnswers.canonical(signed),
				new TreeMap<>(Map.of("digest", "ZGlnZXN0", "signature", "c2ln")));
		byte[] compressed = HandoverAnswers.compressed(document);

		// a standard gzip stream, which any tool opens
		assertThat(compressed).startsWith(0x1f, 0x8b);
		try (java.util.zip.GZIPInputStream gzip = new java.util.zip.GZIPInputStream(
				new java.io.ByteArrayInputStream(compressed))) {
			assertThat(gzip.readAllBytes()).isEqualTo(document);
		}
		assertThat(HandoverAnswers.uncompressed(compressed)).isEqualTo(document);
		// copies stored before compression are JSON, read as they are
		assertThat(HandoverAnswers.uncompressed(document)).isSameAs(document);
		assertThat(HandoverAnswers.uncompressed(new byte[0])).isEmpty();
		// a document of many records shrinks
		List<Object> records = new java.util.ArrayList<>();
		for (int i = 0; i < 500; i++) {
			records.add(Map.of("telephonyRecord", Map.of("partyNumber", "+3934700" + (10_000 + i * 7), "startTime",
					"2026-03-29T0" + (i % 10) + ":00:00Z")));
		}
		byte[] large = HandoverAnswers.canonical(Map.of("retainedDataPayload", records));
		assertThat(HandoverAnswers.compressed(large).length).isLessThan(large.length / 4);
	}

	@Test
	void theDigestIsTheSha256OfTheCanonicalBytes() throws Exception {
		byte[] canonical = HandoverAnswers.canonical(signed());
		assertThat(HandoverAnswers.sha256(canonical))
			.isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(canonical))
			.hasSize(32);
	}

}
