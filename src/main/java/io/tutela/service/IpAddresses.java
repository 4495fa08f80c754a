package io.tutela.service;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * IP addresses checked by reading their text alone, never by asking DNS (which
 * {@code InetAddress.getByName} may do): IPv4 as four decimal numbers from 0 to 255
 * without leading zeros (which some readers take as octal), IPv6 in the forms of RFC 4291
 * §2.2 (with {@code ::} and a trailing IPv4 part). Prefixes, zones and brackets are
 * refused. Valid addresses come back in their canonical text (RFC 5952 for IPv6).
 */
public final class IpAddresses {

	private IpAddresses() {
	}

	/** The address in canonical form, or null when the text is not an IP address. */
	public static @Nullable String canonical(String text) {
		String address = text.strip();
		if (address.indexOf(':') >= 0) {
			return ipv6(address);
		}
		int[] bytes = ipv4(address);
		return (bytes != null) ? bytes[0] + "." + bytes[1] + "." + bytes[2] + "." + bytes[3] : null;
	}

	private static int @Nullable [] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		int[] bytes = new int[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
				return null;
			}
			for (int j = 0; j < part.length(); j++) {
				if (part.charAt(j) < '0' || part.charAt(j) > '9') {
					return null;
				}
			}
			bytes[i] = Integer.parseInt(part);
			if (bytes[i] > 255) {
				return null;
			}
		}
		return bytes;
	}

	private static @Nullable String ipv6(String text) {
		int gap = text.indexOf("::");
		List<Integer> words;
		if (gap < 0) {
			words = words(text, true);
			if (words == null || words.size() != 8) {
				return null;
			}
		}
		else {
			if (text.indexOf("::", gap + 1) >= 0) {
				return null;
			}
			List<Integer> head = words(text.substring(0, gap), false);
			List<Integer> tail = words(text.substring(gap + 2), true);
			if (head == null || tail == null || head.size() + tail.size() > 7) {
				return null;
			}
			words = new ArrayList<>(head);
			while (words.size() + tail.size() < 8) {
				words.add(0);
			}
			words.addAll(tail);
		}
		return format(words);
	}

	/** The 16-bit words of one side of {@code ::}; null when malformed. */
	private static @Nullable List<Integer> words(String side, boolean mayEndInIpv4) {
		List<Integer> words = new ArrayList<>();
		if (side.isEmpty()) {
			return words;
		}
		String[] parts = side.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && mayEndInIpv4 && part.indexOf('.') >= 0) {
				int[] bytes = ipv4(part);
				if (bytes == null) {
					return null;
				}
				words.add((bytes[0] << 8) | bytes[1]);
				words.add((bytes[2] << 8) | bytes[3]);
				continue;
			}
			if (part.isEmpty() || part.length() > 4) {
				return null;
			}
			int value = 0;
			for (int j = 0; j < part.length(); j++) {
				int digit = Character.digit(part.charAt(j), 16);
				if (digit < 0) {
					return null;
				}
				value = (value << 4) | digit;
			}
			words.add(value);
		}
		return words;
	}

	/**
	 * RFC 5952: lower case, no leading zeros, the longest run of two or more zero words
	 * (the first of equal runs) as {@code ::}; IPv4-mapped addresses end in dotted form.
	 */
	private static String format(List<Integer> words) {
		if (words.subList(0, 5).stream().allMatch((w) -> w == 0) && words.get(5) == 0xffff) {
			return "::ffff:" + (words.get(6) >> 8) + "." + (words.get(6) & 0xff) + "." + (words.get(7) >> 8) + "."
					+ (words.get(7) & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			if (words.get(i) != 0) {
				i++;
				continue;
			}
			int end = i;
			while (end < 8 && words.get(end) == 0) {
				end++;
			}
			if (end - i > bestLength) {
				bestStart = i;
				bestLength = end - i;
			}
			i = end;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(words.get(i)));
		}
		return out.toString();
	}

}
