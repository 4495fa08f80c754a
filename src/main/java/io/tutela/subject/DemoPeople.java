package io.tutela.subject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.tutela.subject.CodiceFiscale.Sex;

/**
 * Synthetic Italian people for demo data and benchmarks: names, sex, date and comune of
 * birth, a valid codice fiscale computed from them, a mobile number, an e-mail address
 * and a home address. None of them exists: the names are drawn independently from lists
 * of common ones, the e-mail domains are those reserved for examples (RFC 2606), and the
 * mobile numbers, though of real operator prefixes, are random.
 * <p>
 * Person {@code n} of a seed is always the same person, whatever was generated before:
 * each is drawn from a {@link SplittableRandom} seeded from the seed and {@code n}, so
 * people can also be generated in parallel. Within one seed the mobile numbers (for the
 * first 340 million people) and the e-mail addresses are all different. The codici
 * fiscali are not: two people who share surname and name letters, sex, date and comune of
 * birth get the same code, as real people do before the Agenzia resolves it with omocodia
 * ({@link CodiceFiscale.Personal#omocodic(int)}). With the lists shipped this happens to
 * about 36 people in a million, none in the first 100,000 of seed 42 (see
 * {@code DemoPeopleUnitTest}); a loader that needs unique codes gives the later person
 * the next omocodic form.
 * <p>
 * Ages are spread evenly from 18 to 90 years before the reference date, so that the
 * century of every birth date can be read back from the codice fiscale.
 */
public final class DemoPeople {

	/**
	 * The reference date of {@link #DemoPeople(long)}: fixed, so that a seed is enough.
	 */
	public static final LocalDate DEFAULT_REFERENCE = LocalDate.of(2025, 1, 1);

	/** The domains reserved for documentation by RFC 2606, and only those. */
	private static final String[] EMAIL_DOMAINS = { "example.org", "example.com", "example.net" };

	/**
	 * Prefixes of Italian mobile operators (TIM, Vodafone, WindTre, Iliad, PosteMobile).
	 */
	private static final int[] MOBILE_PREFIXES = { 320, 324, 327, 328, 329, 330, 331, 333, 334, 335, 336, 337, 338, 339,
			340, 342, 345, 346, 347, 348, 349, 350, 351, 352, 366, 368, 371, 377, 380, 388, 389, 391, 392, 393 };

	private static final long SUBSCRIBER_NUMBERS = 10_000_000L;

	/** How many different mobile numbers there are: the period of the numbering. */
	private static final long MOBILE_NUMBERS = MOBILE_PREFIXES.length * SUBSCRIBER_NUMBERS;

	private static final int MINIMUM_AGE = 18;

	private static final int MAXIMUM_AGE = 90;

	/** The seed, mixed so that near seeds give unrelated people. */
	private final long base;

	private final LocalDate reference;

	private final long earliestBirth;

	private final int birthDays;

	/**
	 * Multiplier of the affine permutation that numbers mobiles: coprime to its period.
	 */
	private final long phoneStep;

	private final long phoneOffset;

	/** People born up to {@link #DEFAULT_REFERENCE}. */
	public DemoPeople(long seed) {
		this(seed, DEFAULT_REFERENCE);
	}

	/**
	 * @param reference the "today" of the people: all are 18 to 90 years old on it
	 */
	public DemoPeople(long seed, LocalDate reference) {
		this.base = mix(seed);
		this.reference = reference;
		this.earliestBirth = reference.minusYears(MAXIMUM_AGE + 1).plusDays(1).toEpochDay();
		this.birthDays = (int) (reference.minusYears(MINIMUM_AGE).toEpochDay() - this.earliestBirth + 1);
		SplittableRandom random = new SplittableRandom(seed);
		// about the golden section of the period, so that consecutive people get numbers
		// far apart
		long step = (long) (MOBILE_NUMBERS * 0.6180339887) + random.nextInt(1_000_000);
		while (gcd(step, MOBILE_NUMBERS) != 1) {
			step++;
		}
		this.phoneStep = step;
		this.phoneOffset = random.nextLong(MOBILE_NUMBERS);
	}

	public LocalDate reference() {
		return this.reference;
	}

	/** The first {@code count} people, in order. */
	public Stream<Person> stream(long count) {
		return LongStream.range(0, count).mapToObj(this::person);
	}

	/** Person number {@code index} (from 0) of this seed. */
	public Person person(long index) {
		if (index < 0) {
			throw new IllegalArgumentException("people are numbered from 0");
		}
		Data data = Data.INSTANCE;
		RandomGenerator random = new SplittableRandom(mix(this.base + index * 0x9E3779B97F4A7C15L));
		Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
		Name givenName = (sex == Sex.FEMALE) ? data.femaleNames.pick(random) : data.maleNames.pick(random);
		Name surname = data.surnames.pick(random);
		LocalDate birthDate = LocalDate.ofEpochDay(this.earliestBirth + random.nextInt(this.birthDays));
		Comune birthplace = data.comuni.pick(random);
		String codiceFiscale = CodiceFiscale
			.compose(surname.letters, givenName.letters, sex, birthDate, birthplace.place.cadastralCode())
			.code();
		// most people live where they were born
		Comune home = (random.nextInt(10) < 6) ? birthplace : data.comuni.pick(random);
		Address address = new Address(data.streets[random.nextInt(data.streets.length)],
				Integer.toString(houseNumber(random)), home.postcodes[random.nextInt(home.postcodes.length)],
				home.place.name(), home.place.province());
		String email = givenName.slug + "." + surname.slug + "." + index + "@"
				+ EMAIL_DOMAINS[random.nextInt(EMAIL_DOMAINS.length)];
		return new Person(index, givenName.text, surname.text, sex, birthDate, birthplace.place, codiceFiscale,
				mobile(index), email, address);
	}

	/** Small numbers are the most frequent, as in any street. */
	private static int houseNumber(RandomGenerator random) {
		double u = random.nextDouble();
		return 1 + (int) (u * u * 180);
	}

	/**
	 * A mobile number in E.164, different for every index below the period: an affine
	 * permutation of the indexes onto prefix and subscriber number.
	 */
	private String mobile(long index) {
		long n = (mulMod(index % MOBILE_NUMBERS, this.phoneStep) + this.phoneOffset) % MOBILE_NUMBERS;
		long subscriber = n % SUBSCRIBER_NUMBERS;
		char[] digits = new char[13];
		digits[0] = '+';
		digits[1] = '3';
		digits[2] = '9';
		int prefix = MOBILE_PREFIXES[(int) (n / SUBSCRIBER_NUMBERS)];
		digits[3] = (char) ('0' + prefix / 100);
		digits[4] = (char) ('0' + prefix / 10 % 10);
		digits[5] = (char) ('0' + prefix % 10);
		for (int i = 12; i >= 6; i--) {
			digits[i] = (char) ('0' + subscriber % 10);
			subscriber /= 10;
		}
		return new String(digits);
	}

	private static long mulMod(long a, long b) {
		// both below 2^29, so the product fits in a long
		return (a * b) % MOBILE_NUMBERS;
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

	/** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplittableRandom. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/**
	 * A synthetic person.
	 *
	 * @param index the person's number in the sequence of the seed
	 * @param givenName one or two given names, as written
	 * @param birthplace the comune of birth
	 * @param codiceFiscale valid, computed from name, sex, date and place of birth
	 * @param mobile an Italian mobile number in E.164
	 * @param email at {@code example.org}, {@code example.com} or {@code example.net}
	 * @param address the home address
	 */
	public record Person(long index, String givenName, String surname, Sex sex, LocalDate birthDate, Place birthplace,
			String codiceFiscale, String mobile, String email, Address address) {
	}

	/**
	 * An Italian comune.
	 *
	 * @param cadastralCode its Belfiore code, as in the codice fiscale
	 * @param province the two-letter abbreviation of its province
	 */
	public record Place(String cadastralCode, String name, String province) {
	}

	/**
	 * A home address in Italy.
	 *
	 * @param street the street with its kind ({@code Via Roma})
	 * @param postcode the CAP, five digits
	 * @param city the comune
	 * @param province the two-letter abbreviation of the province
	 */
	public record Address(String street, String houseNumber, String postcode, String city, String province) {

		/**
		 * The address on one line, as on an envelope: {@code Via Roma 1, 00118 Roma RM}.
		 */
		@Override
		public String toString() {
			return this.street + " " + this.houseNumber + ", " + this.postcode + " " + this.city + " " + this.province;
		}

	}

	/** A name with what is derived from it once, not for every person. */
	private record Name(String text, String letters, String slug) {
	}

	private record Comune(Place place, String[] postcodes) {
	}

	/**
	 * Items drawn with given weights: a binary search in the cumulative weights.
	 */
	private static final class Weighted<T> {

		private final List<T> items;

		private final double[] cumulative;

		Weighted(List<T> items, double[] weights) {
			this.items = List.copyOf(items);
			this.cumulative = new double[weights.length];
			double sum = 0;
			for (int i = 0; i < weights.length; i++) {
				sum += weights[i];
				this.cumulative[i] = sum;
			}
			for (int i = 0; i < weights.length; i++) {
				this.cumulative[i] /= sum;
			}
		}

		/** Weights falling with the rank, as the frequencies of names do (Zipf). */
		static <T> Weighted<T> byRank(List<T> items) {
			double[] weights = new double[items.size()];
			for (int i = 0; i < weights.length; i++) {
				weights[i] = 1.0 / (i + 10);
			}
			return new Weighted<>(items, weights);
		}

		T pick(RandomGenerator random) {
			int i = Arrays.binarySearch(this.cumulative, random.nextDouble());
			return this.items.get(Math.min((i >= 0) ? i + 1 : -i - 1, this.items.size() - 1));
		}

	}

	/** The lists under {@code demo/}, read once. */
	private static final class Data {

		static final Data INSTANCE = new Data();

		final Weighted<Name> surnames = Weighted
			.byRank(read("italian-surnames.txt", (line) -> name(line, CodiceFiscale.surnameLetters(line))));

		final Weighted<Name> maleNames = Weighted
			.byRank(read("italian-male-names.txt", (line) -> name(line, CodiceFiscale.givenNameLetters(line))));

		final Weighted<Name> femaleNames = Weighted
			.byRank(read("italian-female-names.txt", (line) -> name(line, CodiceFiscale.givenNameLetters(line))));

		final String[] streets = read("italian-streets.txt", Function.identity()).toArray(String[]::new);

		final Weighted<Comune> comuni;

		private Data() {
			List<String[]> rows = read("italian-comuni.csv", (line) -> line.split(";"));
			List<Comune> places = new ArrayList<>();
			double[] population = new double[rows.size()];
			for (String[] row : rows) {
				population[places.size()] = Double.parseDouble(row[3]);
				places.add(new Comune(new Place(row[0], row[1], row[2]), row[4].split(" ")));
			}
			this.comuni = new Weighted<>(places, population);
		}

		private static Name name(String text, String letters) {
			String ascii = Normalizer.normalize(text, Normalizer.Form.NFD)
				.replaceAll("[^A-Za-z]", "")
				.toLowerCase(Locale.ROOT);
			return new Name(text, letters, ascii);
		}

		private static <T> List<T> read(String resource, Function<String, T> parse) {
			InputStream in = DemoPeople.class.getResourceAsStream("/demo/" + resource);
			if (in == null) {
				throw new IllegalStateException("demo/" + resource + " is missing from the class path");
			}
			List<T> items = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (!line.isBlank() && !line.startsWith("#")) {
						items.add(parse.apply(line.strip()));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return items;
		}

	}

}
