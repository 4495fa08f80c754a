package io.tutela.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import io.tutela.identity.Totp.Algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TotpUriUnitTest {

	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void givesTheKeyUriAuthenticatorAppsRead() {
		assertThat(TotpUri.of("Tutela", "admin", SEED, Totp.DEFAULT))
			.isEqualTo("otpauth://totp/Tutela:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tutela"
					+ "&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void namesTheAlgorithmAndDigitsTheServerChecksWith() {
		assertThat(TotpUri.of("Tutela", "admin", SEED, new Totp(Algorithm.SHA512, 8)))
			.endsWith("&algorithm=SHA512&digits=8&period=30");
		assertThat(TotpUri.of("Tutela", "admin", SEED, new Totp(Algorithm.SHA256, 6)))
			.endsWith("&algorithm=SHA256&digits=6&period=30");
	}

	@Test
	void percentEncodesIssuerAndAccount() {
		String uri = TotpUri.of("Tutela Società", "mario.rossi+dpo@ipkom.it", SEED, Totp.DEFAULT);
		assertThat(uri).startsWith("otpauth://totp/Tutela%20Societ%C3%A0:mario.rossi%2Bdpo%40ipkom.it?")
			.contains("&issuer=Tutela%20Societ%C3%A0&")
			.doesNotContain("+")
			.doesNotContain(" ");
		URI parsed = URI.create(uri);
		assertThat(parsed.getScheme()).isEqualTo("otpauth");
		assertThat(parsed.getHost()).isEqualTo("totp");
		assertThat(parsed.getPath()).isEqualTo("/Tutela Società:mario.rossi+dpo@ipkom.it");
		assertThat(query(parsed)).containsEntry("issuer", "Tutela Società");
	}

	@Test
	void theSecretIsBase32WithoutPaddingAndDecodesBack() {
		byte[] secret = Totp.newSecret(Algorithm.SHA256);
		byte[] sixteen = new byte[16];
		String encoded = TotpUri.base32(sixteen);
		assertThat(encoded).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAA").doesNotContain("=");
		String uri = TotpUri.of("Tutela", "admin", secret, Totp.DEFAULT);
		String inUri = query(URI.create(uri)).get("secret");
		assertThat(inUri).matches("[A-Z2-7]+").isEqualTo(TotpUri.base32(secret));
		assertThat(new Base32().decode(inUri)).isEqualTo(secret);
	}

	@Test
	void encodesEverythingButTheUnreservedCharacters() {
		assertThat(TotpUri.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
		assertThat(TotpUri.encode("a b/c?d&e=f#g%h")).isEqualTo("a%20b%2Fc%3Fd%26e%3Df%23g%25h");
	}

	@Test
	void refusesColonsAndBlankNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> TotpUri.of("Tu:tela", "admin", SEED, Totp.DEFAULT));
		assertThatIllegalArgumentException().isThrownBy(() -> TotpUri.of("Tutela", "ad:min", SEED, Totp.DEFAULT));
		assertThatIllegalArgumentException().isThrownBy(() -> TotpUri.of(" ", "admin", SEED, Totp.DEFAULT));
		assertThatIllegalArgumentException().isThrownBy(() -> TotpUri.of("Tutela", "", SEED, Totp.DEFAULT));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(parts[0], URI.create("x:" + parts[1]).getSchemeSpecificPart());
		}
		return parameters;
	}

}
