package dev.mqttrr.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The test class path less the jars whose names start with the given prefixes, in a class loader
 * of its own: what an application without those optional dependencies has. Spring's
 * {@code FilteredClassLoader} hides classes from a lookup, but classes the application class
 * loader already linked still see them; this loader links everything itself.
 */
public final class ClassPathWithout {

	private final List<String> jarPrefixes;

	public ClassPathWithout(String... jarPrefixes) {
		this.jarPrefixes = List.of(jarPrefixes);
	}

	/**
	 * Run a {@link Callable} class with a public no-argument constructor in this class path, with
	 * the thread's context class loader set to it, as Spring's factories loader reads it.
	 * @param callableClass the class to load anew and call
	 * @param <T> a type both class loaders share, such as {@code String}
	 * @return what it returned
	 */
	@SuppressWarnings("unchecked")
	public <T> T call(Class<? extends Callable<T>> callableClass) throws Exception {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(urls(), ClassLoader.getPlatformClassLoader())) {
			thread.setContextClassLoader(loader);
			Class<?> isolated = loader.loadClass(callableClass.getName());
			return ((Callable<T>) isolated.getConstructor().newInstance()).call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private URL[] urls() throws MalformedURLException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			File file = new File(entry);
			if (!entry.isEmpty() && this.jarPrefixes.stream().noneMatch(file.getName()::startsWith)) {
				urls.add(file.toURI().toURL());
			}
		}
		if (urls.size() == entriesOf(System.getProperty("java.class.path"))) {
			throw new IllegalStateException("None of " + this.jarPrefixes + " is on the class path");
		}
		return urls.toArray(URL[]::new);
	}

	private static long entriesOf(String classPath) {
		return Arrays.stream(classPath.split(File.pathSeparator)).filter((entry) -> !entry.isEmpty()).count();
	}

}
