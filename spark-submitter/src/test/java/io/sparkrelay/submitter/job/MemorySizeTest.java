package io.sparkrelay.submitter.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySizeTest {

  @Test
  void sparkSizesInMebibytes() {
    assertThat(MemorySize.mebibytes("512m")).contains(512L);
    assertThat(MemorySize.mebibytes("4g")).contains(4096L);
    assertThat(MemorySize.mebibytes("2GB")).contains(2048L);
    assertThat(MemorySize.mebibytes("1t")).contains(1024L * 1024);
    assertThat(MemorySize.mebibytes("2048k")).contains(2L);
  }

  @Test
  void sizesWithoutUnitOrWithGarbageAreNotSizes() {
    assertThat(MemorySize.mebibytes("512")).isEmpty();
    assertThat(MemorySize.mebibytes("0m")).isEmpty();
    assertThat(MemorySize.mebibytes("1.5g")).isEmpty();
    assertThat(MemorySize.mebibytes("-1g")).isEmpty();
    assertThat(MemorySize.mebibytes("4Gi")).isEmpty();
  }
}
