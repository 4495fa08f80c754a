package io.tutela.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesUnitTest {

	@ParameterizedTest
	@CsvSource({ "192.168.1.10, 192.168.1.10", "' 8.8.8.8 ', 8.8.8.8", "0.0.0.0, 0.0.0.0",
			"255.255.255.255, 255.255.255.255", "2001:DB8:0:0:0:0:0:1, 2001:db8::1", "2001:db8::0001, 2001:db8::1",
			"::1, ::1", "::, ::", "1::, 1::", "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "::ffff:192.0.2.128, ::ffff:192.0.2.128",
			"::FFFF:C000:0280, ::ffff:192.0.2.128", "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
			"1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0", "fe80::1:0:0:0, fe80::1:0:0:0", "1:0:0:2:0:0:0:3, 1:0:0:2::3" })
	void readsAddressesAndGivesTheirCanonicalForm(String text, String canonical) {
		assertThat(IpAddresses.canonical(text)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4",
			"1..3.4", "0x7f.0.0.1", "2001:db8::1::1", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "g::1",
			"fe80::1%eth0", "[::1]", "10.0.0.0/8", "::1/128", "1.2.3.4::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
			"::1.2.3.4.5", "::256.1.1.1" })
	void refusesWhatIsNotAnAddressWithoutAskingDns(String text) {
		assertThat(IpAddresses.canonical(text)).isNull();
	}

}
