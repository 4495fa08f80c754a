package io.tutela.subject;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tutela.subject.CodiceFiscale.Personal;
import io.tutela.subject.DemoPeople.Person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoPeopleUnitTest {

	private final DemoPeople people = new DemoPeople(42);

	@Test
	void everyCodiceFiscaleIsValidAndAgreesWithThePerson() {
		this.people.stream(20_000).forEach((person) -> {
			CodiceFiscale.Result result = CodiceFiscale.parse(person.codiceFiscale());
			assertThat(result).as(person.toString()).isInstanceOf(Personal.class);
			Personal code = (Personal) result;
			assertThat(code.isOmocodic()).isFalse();
			assertThat(code.sex()).isEqualTo(person.sex());
			assertThat(code.birthDate(this.people.reference())).isEqualTo(person.birthDate());
			assertThat(code.cadastralCode()).isEqualTo(person.birthplace().cadastralCode());
			assertThat(code).isEqualTo(CodiceFiscale.of(person.surname(), person.givenName(), person.sex(),
					person.birthDate(), person.birthplace().cadastralCode()));
		});
	}

	@Test
	void everyoneIsAnAdultUnderNinetyOneOnTheReferenceDate() {
		LocalDate reference = LocalDate.of(2030, 6, 15);
		new DemoPeople(7, reference).stream(20_000).forEach((person) -> {
			int age = Period.between(person.birthDate(), reference).getYears();
			assertThat(age).as(person.toString()).isBetween(18, 90);
		});
	}

	@Test
	void phonesAreValidItalianMobilesInE164() {
		this.people.stream(20_000).forEach((person) -> {
			PhoneNumbers.Valid phone = PhoneNumbers.normalise(person.mobile()).orElseThrow();
			assertThat(phone.e164()).isEqualTo(person.mobile());
			assertThat(phone.type()).isEqualTo(PhoneNumbers.LineType.MOBILE);
			assertThat(phone.region()).isEqualTo("IT");
		});
	}

	@Test
	void emailsAreValidAndAtReservedDomainsOnly() {
		this.people.stream(20_000).forEach((person) -> {
			EmailAddresses.Valid email = EmailAddresses.normalise(person.email()).orElseThrow();
			assertThat(email.address()).isEqualTo(person.email());
			assertThat(email.domain()).isIn("example.org", "example.com", "example.net");
		});
	}

	@Test
	void addressesAreComplete() {
		this.people.stream(1_000).forEach((person) -> {
			DemoPeople.Address address = person.address();
			assertThat(address.street()).isNotBlank();
			assertThat(address.houseNumber()).matches("[1-9][0-9]{0,2}");
			assertThat(address.postcode()).matches("[0-9]{5}");
			assertThat(address.city()).isNotBlank();
			assertThat(address.province()).matches("[A-Z]{2}");
			assertThat(person.birthplace().cadastralCode()).matches("[A-M][0-9]{3}");
			assertThat(person.givenName()).isNotBlank();
			assertThat(person.surname()).isNotBlank();
		});
	}

	@Test
	void theSameSeedGivesTheSamePeopleInAnyOrder() {
		List<Person> first = new DemoPeople(42).stream(1_000).toList();
		List<Person> again = new DemoPeople(42).stream(1_000).toList();
		assertThat(again).isEqualTo(first);
		assertThat(new DemoPeople(42).person(999)).isEqualTo(first.get(999));
		assertThat(new DemoPeople(42).stream(1_000).parallel().toList()).isEqualTo(first);
		List<Person> other = new DemoPeople(43).stream(1_000).toList();
		assertThat(other).doesNotContainAnyElementsOf(first);
		assertThat(first.get(0)).hasToString(again.get(0).toString());
	}

	@Test
	void thePeopleAreVaried() {
		List<Person> sample = this.people.stream(10_000).toList();
		assertThat(sample.stream().map(Person::surname).distinct().count()).isGreaterThan(250);
		assertThat(sample.stream().map(Person::givenName).distinct().count()).isGreaterThan(250);
		assertThat(sample.stream().map((p) -> p.birthplace().cadastralCode()).distinct().count()).isGreaterThan(200);
		assertThat(sample.stream().filter((p) -> p.sex() == CodiceFiscale.Sex.FEMALE).count()).isBetween(4_800L,
				5_200L);
		assertThat(sample.stream().filter((p) -> p.birthplace().name().equals("Roma")).count())
			.as("Roma, the largest comune, is the most frequent birthplace")
			.isGreaterThan(sample.stream().filter((p) -> p.birthplace().name().equals("Milano")).count());
	}

	/**
	 * Among 100,000 people of seed 42 no codice fiscale repeats (over a million about 36
	 * do); any repeat is resolved as the Agenzia resolves it, by omocodia, and the
	 * resolved codes stay valid and lead back to the computed one.
	 */
	@Test
	void codiciFiscaliRepeatRarelyAndOmocodiaResolvesTheRepeats() {
		Set<String> codes = new HashSet<>();
		Set<String> mobiles = new HashSet<>();
		Set<String> emails = new HashSet<>();
		int repeats = 0;
		for (Person person : this.people.stream(100_000).toList()) {
			Personal code = new Personal(person.codiceFiscale());
			int level = 0;
			while (!codes.add(code.omocodic(level).code())) {
				level++;
			}
			repeats += (level > 0) ? 1 : 0;
			assertThat(CodiceFiscale.parse(code.omocodic(level).code()).orElseThrow().canonical()).isEqualTo(code);
			assertThat(mobiles.add(person.mobile())).as("mobile numbers are unique").isTrue();
			assertThat(emails.add(person.email())).as("e-mail addresses are unique").isTrue();
		}
		assertThat(repeats).isZero();
		assertThat(codes).hasSize(100_000);
	}

	@Test
	void peopleAreNumberedFromZero() {
		assertThat(this.people.person(0).index()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> this.people.person(-1));
	}

}
