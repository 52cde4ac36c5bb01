package dev.mqttrr.annotation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.mqttrr.core.MqttInvalidResponderException;
import dev.mqttrr.responder.MqttResponderEndpoint;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * Finds {@link MqttResponder @MqttResponder} methods on beans, resolves placeholders in their topic
 * and group, and registers an endpoint for each with the {@link MqttResponderEndpointRegistry}. It
 * only registers; the registry subscribes and invokes.
 */
public class MqttResponderAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final String INVALID_ANNOTATION_ACTION = "Correct the method's @MqttResponder: a topic filter "
			+ "whose '+' is a whole level and '#' only the whole last level, ${...} placeholders that resolve, a qos of "
			+ "0, 1 or 2, and a group without '/', '+' or '#'.";

	private final String registryBeanName;

	private @Nullable ConfigurableBeanFactory beanFactory;

	private final Set<Class<?>> classesWithoutResponders = ConcurrentHashMap.newKeySet();

	/**
	 * Create a post-processor that registers with the named registry bean.
	 * @param registryBeanName the bean name of the {@link MqttResponderEndpointRegistry}
	 */
	public MqttResponderAnnotationBeanPostProcessor(String registryBeanName) {
		this.registryBeanName = registryBeanName;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable : null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutResponders.contains(targetClass)) {
			return bean;
		}
		Map<Method, MqttResponder> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<MqttResponder>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, MqttResponder.class));
		if (annotated.isEmpty()) {
			this.classesWithoutResponders.add(targetClass);
			return bean;
		}
		MqttResponderEndpointRegistry registry = registry();
		annotated.forEach((method, responder) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			try {
				registry.register(new MqttResponderEndpoint(bean, invocable, resolve(responder.topic()),
						responder.qos(), resolve(responder.group())));
			}
			catch (MqttInvalidResponderException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new MqttInvalidResponderException("Invalid @MqttResponder method " + targetClass.getName() + "."
						+ method.getName() + " on bean '" + beanName + "': " + ex.getMessage(), INVALID_ANNOTATION_ACTION,
						ex);
			}
		});
		return bean;
	}

	private MqttResponderEndpointRegistry registry() {
		if (this.beanFactory == null) {
			throw new IllegalStateException("MqttResponderAnnotationBeanPostProcessor needs a BeanFactory");
		}
		return this.beanFactory.getBean(this.registryBeanName, MqttResponderEndpointRegistry.class);
	}

	private String resolve(String value) {
		String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
		return (resolved != null) ? resolved : value;
	}

}
